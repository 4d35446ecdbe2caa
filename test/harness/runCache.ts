// Whole-program runs of the real stack files are pure functions of the program's sources, the mocks,
// the stack file and the installed packages; a dozen test files ask for the same four. The first one
// to ask runs the program and stores what it registered; the others read it. The key hashes every
// input, so any change to them means a fresh run. CALLMYWAY_RUN_CACHE=off always runs.
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Captured } from "../../tools/plan/capture";

/** Everything a run of index.ts depends on (test code is not: it only reads the run). */
const INPUTS = ["index.ts", "config", "lib", "components", "tools", "package-lock.json"];

function filesUnder(root: string, entry: string): string[] {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [full];
  return fs.readdirSync(full).sort().flatMap((child) => filesUnder(root, path.join(entry, child)));
}

let sourceHash: string | undefined;

function keyOf(root: string, stack: string, preview: boolean): string {
  sourceHash ??= (() => {
    const hash = createHash("sha256");
    INPUTS.flatMap((entry) => filesUnder(root, entry)).forEach((file) => hash.update(path.relative(root, file)).update(fs.readFileSync(file)));
    return hash.digest("hex");
  })();
  const stackFile = fs.readFileSync(path.join(root, `Pulumi.${stack}.yaml`));
  return createHash("sha256").update(sourceHash).update(stackFile).update(String(preview)).digest("hex").slice(0, 32);
}

/** A stored run of a stack file, or a fresh one (then stored). */
export async function cachedRun(root: string, stack: string, preview: boolean, run: () => Promise<Captured>): Promise<Captured> {
  if (process.env.CALLMYWAY_RUN_CACHE === "off") return run();
  const dir = path.join(os.tmpdir(), "callmyway-test-runs");
  const file = path.join(dir, `${stack}-${preview ? "preview" : "up"}-${keyOf(root, stack, preview)}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as Captured;
  const captured = await run();
  fs.mkdirSync(dir, { recursive: true });
  // Written aside and renamed: a reader in another worker never sees half a file.
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, JSON.stringify(captured));
  fs.renameSync(partial, file);
  return captured;
}

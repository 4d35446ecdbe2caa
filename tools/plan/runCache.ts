// Whole-program runs are pure functions of the program's sources, the mocks, the config and the
// installed packages; the tests ask for the same few runs of the stack files many times over. When
// CALLMYWAY_RUN_CACHE names a directory (jest.config.js sets one), the first caller runs the program
// and stores the run there under a hash of all those inputs, and the others read it: any change to an
// input means a fresh run. Unset (`npm run plan`, the benchmark) or "off", every run is fresh.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/** Everything a run of index.ts depends on besides its config (tests and the policy pack only read a run). */
const INPUTS = ["index.ts", "config", "lib", "components", "stacks", "tools", "package-lock.json"];

function filesUnder(root: string, entry: string): string[] {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [full];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((child) => filesUnder(root, path.join(entry, child)));
}

const sourceHashes = new Map<string, string>();

/** A hash of everything a run of root's program depends on besides its config. */
export function sourceHash(root: string): string {
  let hash = sourceHashes.get(root);
  if (hash === undefined) {
    const sha = createHash("sha256");
    INPUTS.flatMap((entry) => filesUnder(root, entry)).forEach((file) =>
      sha.update(path.relative(root, file)).update(fs.readFileSync(file)),
    );
    hash = sha.digest("hex");
    sourceHashes.set(root, hash);
  }
  return hash;
}

/** The cache directory, or undefined when runs are not cached. */
function cacheDirectory(): string | undefined {
  const dir = process.env.CALLMYWAY_RUN_CACHE;
  return dir && dir !== "off" ? dir : undefined;
}

/**
 * A stored run for this root and key (any JSON describing the run's config), or a fresh one (then
 * stored). `label` only names the file, for whoever looks in the directory.
 */
export async function cachedRun<T>(root: string, label: string, key: unknown, run: () => Promise<T>): Promise<T> {
  const dir = cacheDirectory();
  if (dir === undefined) return run();
  const digest = createHash("sha256").update(sourceHash(root)).update(JSON.stringify(key)).digest("hex").slice(0, 32);
  const file = path.join(dir, `${label}-${digest}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  const result = await run();
  fs.mkdirSync(dir, { recursive: true });
  // Written aside and renamed: a reader in another worker never sees half a file.
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, JSON.stringify(result));
  fs.renameSync(partial, file);
  return result;
}

// Whole-program runs are pure functions of the program's sources, the mocks, the config and the
// installed packages; the tests ask for the same few runs of the stack files many times over. When
// CALLMYWAY_RUN_CACHE names a directory (jest.config.js sets one), the first caller runs the program
// and stores the run there under a hash of all those inputs, and the others read it: any change to an
// input means a fresh run. A part stack's run is keyed on the config its part depends on
// (inputsDigest.ts configView) and on the upstream outputs it read, not on the whole environment. Unset (`npm run plan`, the benchmark) or "off", every run is fresh.
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

/** JSON with object keys sorted, so that equal values digest equally whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value ?? null);
}

type Upstreams = Readonly<Record<string, Readonly<Record<string, unknown>>>>;
type Reads = Readonly<Record<string, readonly string[]>>;

/** A name a run asked without knowing it (tools/plan/capture.ts EVERY_OUTPUT): the whole upstream. */
const EVERY_OUTPUT = "*";

/** The upstream values a run with these reads saw; undefined when a stack it read is not among them. */
function readValues(upstreams: Upstreams, reads: Reads): Record<string, unknown> | undefined {
  const values: Record<string, unknown> = {};
  for (const [stack, names] of Object.entries(reads)) {
    const outputs = upstreams[stack];
    if (outputs === undefined) return undefined;
    values[stack] = names.includes(EVERY_OUTPUT)
      ? outputs
      : Object.fromEntries(names.map((name) => [name, name in outputs ? outputs[name] : { absent: true }]));
  }
  return values;
}

const digestOf = (...parts: string[]) => {
  const sha = createHash("sha256");
  parts.forEach((p) => sha.update(p).update("\0"));
  return sha.digest("hex").slice(0, 32);
};

/** Written aside and renamed: a reader in another worker never sees half a file. */
function writeWhole(file: string, text: string): void {
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, text);
  fs.renameSync(partial, file);
}

/**
 * A stored run for this root and key (any JSON describing the run but its upstreams), or a fresh one
 * (then stored). The upstreams count only for the outputs the run read: each stored run is filed under
 * the values of what it read, and the key's index lists the reads its stored runs made. The runs are
 * deterministic, so a stored run whose read values are this run's is this run (it would ask the same
 * outputs and see the same values). `label` only names the files, for whoever looks in the directory.
 */
export async function cachedRun<T extends { readonly reads: Reads }>(
  root: string,
  label: string,
  key: unknown,
  upstreams: Upstreams,
  run: () => Promise<T>,
): Promise<T> {
  const dir = cacheDirectory();
  if (dir === undefined) return run();
  const keyDigest = digestOf(sourceHash(root), canonical(key));
  const index = path.join(dir, `${label}-${keyDigest}.reads.json`);
  const fileFor = (values: Record<string, unknown>) =>
    path.join(dir, `${label}-${digestOf(keyDigest, canonical(values))}.json`);
  const known: Reads[] = fs.existsSync(index) ? (JSON.parse(fs.readFileSync(index, "utf8")) as Reads[]) : [];
  for (const reads of known) {
    const values = readValues(upstreams, reads);
    const file = values && fileFor(values);
    if (file && fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  }
  const result = await run();
  const values = readValues(upstreams, result.reads);
  if (values === undefined) return result;
  fs.mkdirSync(dir, { recursive: true });
  writeWhole(fileFor(values), JSON.stringify(result));
  // Another worker may have added reads meanwhile: re-read, so as to lose none but by a race (a miss).
  const now: Reads[] = fs.existsSync(index) ? (JSON.parse(fs.readFileSync(index, "utf8")) as Reads[]) : [];
  if (!now.some((r) => canonical(r) === canonical(result.reads)))
    writeWhole(index, JSON.stringify([...now, result.reads]));
  return result;
}

// The node flags `npm run plan` runs with, read from package.json so that the benchmark measures the
// same process the users run (one place to change them).
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "./stackConfig";

/**
 * The V8 heap flags of package.json's `plan` script: the flags between `node` and `-r`. A plan keeps
 * every resource's outputs alive until the end (the runtime holds them), so with V8's default young
 * generation most objects are copied twice and then marked again by every old-space collection as the
 * heap grows: a larger young generation and a first old-space collection at 2 GB cut a 16-site plan's
 * CPU by about 30% (prod: about 10%) for some 90 MB more memory (docs/PERFORMANCE.md, 2026-12-02).
 */
export function planNodeFlags(root = PROJECT_ROOT): string[] {
  const words = planScriptWords(root);
  return words.slice(1, words.indexOf("-r"));
}

/**
 * The whole node command line of package.json's `plan` script before its script: the heap flags and
 * the preload (`-r <module>`, a path relative to the root made absolute), for the processes the plan
 * and the benchmark start, so that they load the program the way `npm run plan` does.
 */
export function planExecArgv(root = PROJECT_ROOT): string[] {
  const words = planScriptWords(root);
  const preload = words[words.indexOf("-r") + 1];
  if (preload === undefined) throw new Error(`package.json's plan script names no module after -r`);
  return [...planNodeFlags(root), "-r", preload.startsWith(".") ? path.resolve(root, preload) : preload];
}

function planScriptWords(root: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  const script = pkg.scripts?.plan ?? "";
  const words = script.split(/\s+/);
  if (words[0] !== "node" || !words.includes("-r")) {
    throw new Error(`package.json's plan script must start "node <flags> -r <preload>": got "${script}"`);
  }
  return words;
}

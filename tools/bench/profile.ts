// Where a measured process spent its CPU: V8 CPU profiles (`npm run bench -- --profile <dir>`) summed
// by who owns the code (our program, the Pulumi runtime, protobuf, ts-node, V8 itself).
import * as fs from "fs";
import * as path from "path";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

/** The parts of a `.cpuprofile` file this summary reads. */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Who owns a frame, from its script URL. */
export function ownerOf(url: string, functionName = ""): string {
  if (url === "") return functionName.startsWith("(") ? `V8 ${functionName}` : "node internals";
  if (url.startsWith("node:")) return "node internals";
  const inModules = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (inModules) {
    const pkg = inModules[1];
    if (pkg === "source-map-support" || pkg === "ts-node" || pkg === "typescript" || pkg === "@cspotcode/source-map-support") return "ts-node (transpile, source maps)";
    return pkg;
  }
  return "program (this repository)";
}

export interface ProfileSummary {
  readonly totalMs: number;
  /** Self time per owner, largest first. */
  readonly byOwner: { owner: string; ms: number }[];
  /** Self time per function, largest first. */
  readonly topFunctions: { fn: string; owner: string; ms: number }[];
}

export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const owners = new Map<string, number>();
  const functions = new Map<string, { owner: string; us: number }>();
  let total = 0;
  selfUs.forEach((us, id) => {
    const frame = nodes.get(id)!.callFrame;
    const owner = ownerOf(frame.url, frame.functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
    const fn = `${frame.functionName || "(anonymous)"} ${path.basename(frame.url)}:${frame.lineNumber + 1}`;
    const entry = functions.get(fn) ?? { owner, us: 0 };
    entry.us += us;
    functions.set(fn, entry);
    total += us;
  });
  return {
    totalMs: total / 1000,
    byOwner: [...owners.entries()].map(([owner, us]) => ({ owner, ms: us / 1000 })).sort((a, b) => b.ms - a.ms),
    topFunctions: [...functions.entries()].map(([fn, e]) => ({ fn, owner: e.owner, ms: e.us / 1000 })).sort((a, b) => b.ms - a.ms).slice(0, top),
  };
}

export function formatProfileSummary(file: string, s: ProfileSummary): string {
  const pct = (ms: number) => `${((100 * ms) / s.totalMs).toFixed(1).padStart(5)}%`;
  return [
    `${file}: ${s.totalMs.toFixed(0)} ms sampled`,
    ...s.byOwner.map((o) => `  ${pct(o.ms)}  ${o.owner}`),
    "  top functions (self time):",
    ...s.topFunctions.map((f) => `  ${pct(f.ms)}  ${f.fn}  [${f.owner}]`),
  ].join("\n");
}

if (require.main === module) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error("usage: ts-node tools/bench/profile.ts <file.cpuprofile>...");
    process.exit(2);
  }
  files.forEach((f) => console.log(formatProfileSummary(f, summarizeProfile(JSON.parse(fs.readFileSync(f, "utf8")) as CpuProfile)) + "\n"));
}

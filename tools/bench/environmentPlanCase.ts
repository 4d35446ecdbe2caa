// The issue-11 figure as an environment is now a set of stacks: the offline plan of a whole
// environment, as `npm run plan -- --env` makes it, each in a fresh process timed from outside (node
// started, program loaded, every stack planned, plans written), against the environment's floor
// (environmentFloorJob.ts). CPU is every process's own (processCpu.js), workers included.
import { fork } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { planExecArgv } from "../nodeFlags";
import { PROJECT_ROOT } from "../stackConfig";
import type { EnvironmentPlanCounts, EnvironmentPlanJob } from "./environmentPlanJob";

export interface ProcessTiming {
  /** From starting node to its exit, as a shell's `time` sees it. */
  readonly wallMs: number;
  /** User + system CPU of the process and of every process it started. */
  readonly cpuMs: number;
}

export interface EnvironmentPlanResult {
  readonly name: string;
  readonly stacks: number;
  /** Program runs the plan made (a preview per stack, an `up` per stack others read). */
  readonly runs: number;
  /** Registrations over all those runs. */
  readonly registrations: number;
  /** `--jobs 1`: every run in the one process. */
  readonly inProcess: ProcessTiming;
  /** `--jobs 2`, the default on the 2-CPU runner: one worker, started at once. */
  readonly withWorker: ProcessTiming;
  readonly floor: ProcessTiming;
  /** inProcess.cpuMs / floor.cpuMs */
  readonly planFloorRatio: number;
  readonly planFloorWallRatio: number;
}

const CPU_REPORTER = path.join(__dirname, "processCpu.js");

/** Runs `script` (with `args`) in a fresh process started as `npm run plan` starts; its wall and total CPU time. */
function timedProcess(script: string, args: string[]): Promise<ProcessTiming> {
  const cpuDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-cpu-"));
  const env = {
    ...process.env,
    // A measurement always runs the program: never a stored run (tools/plan/runCache.ts).
    CALLMYWAY_RUN_CACHE: "off",
    CALLMYWAY_BENCH_CPU_DIR: cpuDir,
    // NODE_OPTIONS reaches the workers the plan starts too.
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${CPU_REPORTER}`.trim(),
  };
  const start = performance.now();
  const child = fork(script, args, { cwd: PROJECT_ROOT, env, execArgv: planExecArgv(), stdio: ["ignore", "ignore", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => {
      const wallMs = performance.now() - start;
      try {
        if (code !== 0) throw new Error(`${path.basename(script)} ${args.join(" ")} exited with code ${code}`);
        const figures = fs.readdirSync(cpuDir).map((f) => JSON.parse(fs.readFileSync(path.join(cpuDir, f), "utf8")) as { cpuMs: number });
        resolve({ wallMs, cpuMs: figures.reduce((sum, f) => sum + f.cpuMs, 0) });
      } catch (err) {
        reject(err);
      } finally {
        fs.rmSync(cpuDir, { recursive: true, force: true });
      }
    });
  });
}

async function bestOf<T extends ProcessTiming>(repeat: number, measure: () => Promise<T>): Promise<T> {
  let best: T | undefined;
  for (let i = 0; i < repeat; i++) {
    const m = await measure();
    if (!best || m.cpuMs < best.cpuMs) best = m;
  }
  return best!;
}

/** The environment's plan with `--jobs 1` and `--jobs 2`, and its floor; best CPU of `repeat` each. */
export async function measureEnvironmentPlan(
  name: string,
  environment: EnvironmentPlanJob["environment"],
  repeat: number,
): Promise<EnvironmentPlanResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-env-plan-"));
  try {
    const countsFile = path.join(dir, "counts.json");
    const plan = (jobs: number) => () =>
      timedProcess(path.join(__dirname, "environmentPlanJob.ts"), [
        JSON.stringify({ environment, jobs, outDir: path.join(dir, `jobs-${jobs}`), countsFile }),
      ]);
    const inProcess = await bestOf(repeat, plan(1));
    const counts = JSON.parse(fs.readFileSync(countsFile, "utf8")) as EnvironmentPlanCounts;
    const withWorker = await bestOf(repeat, plan(2));
    const floor = await bestOf(repeat, () =>
      timedProcess(path.join(__dirname, "environmentFloorJob.ts"), [JSON.stringify(counts.runs)]),
    );
    return {
      name,
      stacks: counts.stacks,
      runs: counts.runs.length,
      registrations: counts.runs.reduce((sum, n) => sum + n, 0),
      inProcess,
      withWorker,
      floor,
      planFloorRatio: inProcess.cpuMs / floor.cpuMs,
      planFloorWallRatio: inProcess.wallMs / floor.wallMs,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The environment plans' table. */
export function formatEnvironmentPlans(results: readonly EnvironmentPlanResult[]): string {
  const header = ["environment", "stacks", "runs", "registrations", "wall ms", "CPU ms", "jobs 2 wall", "jobs 2 CPU", "floor wall", "floor CPU", "plan/floor CPU", "(wall)"];
  const rows = results.map((r) => [
    r.name,
    String(r.stacks),
    String(r.runs),
    String(r.registrations),
    r.inProcess.wallMs.toFixed(0),
    r.inProcess.cpuMs.toFixed(0),
    r.withWorker.wallMs.toFixed(0),
    r.withWorker.cpuMs.toFixed(0),
    r.floor.wallMs.toFixed(0),
    r.floor.cpuMs.toFixed(0),
    r.planFloorRatio.toFixed(2),
    r.planFloorWallRatio.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [
    "Whole environments, as `npm run plan -- --env` plans them, each a fresh process timed from outside (node's start to its exit;",
    "CPU of every process, workers included); `--jobs 1` unless said; the floor: as many runs in one process, each registering",
    "as many trivial resources (tools/bench/environmentFloorJob.ts):",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
  ].join("\n");
}

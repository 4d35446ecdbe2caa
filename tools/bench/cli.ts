// npm run bench -- [--sizes 2,8,16,32] [--stacks prod,staging] [--env-sizes 16] [--repeat 1] [--json bench/results/latest.json] [--profile <dir>]
import { fork } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs as parseNodeArgs } from "util";
import { planExecArgv } from "../nodeFlags";
import { PROJECT_ROOT } from "../stackConfig";
import { superLinearKinds } from "./growth";
import { EnvironmentJob, Job, Measurement } from "./measure";
import { BenchReport, CaseResult, formatReport } from "./report";
import type { MeasuredEnvironment } from "./environmentRun";
import { type EnvironmentPlanResult, measureEnvironmentPlan } from "./environmentPlanCase";
import type { ChangeTiming, EnvironmentResult } from "./stacks";
import { syntheticShape } from "./syntheticNetwork";

export interface BenchArgs {
  readonly sizes: number[];
  readonly stacks: string[];
  readonly repeat: number;
  /** Synthetic environments whose whole offline plan is timed (environmentPlanCase.ts), with the real ones in `stacks`. */
  readonly envSizes: number[];
  readonly json: string;
  /** Directory for V8 CPU profiles of every measured process (`--cpu-prof`). */
  readonly profile?: string;
}

const USAGE =
  "usage: npm run bench -- [--sizes 2,8,16,32] [--stacks prod,staging|none] [--env-sizes 16|none] [--repeat N] [--json <file>] [--profile <dir>]";

const OPTIONS = {
  sizes: { type: "string" },
  stacks: { type: "string" },
  "env-sizes": { type: "string" },
  repeat: { type: "string" },
  json: { type: "string" },
  profile: { type: "string" },
} as const;

/** util.parseArgs, with its errors said in this tool's words and followed by the usage line. */
function parseFlags(argv: string[]): { [K in keyof typeof OPTIONS]?: string } {
  try {
    return parseNodeArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    const { code, message } = err as { code?: string; message: string };
    const flag = message.match(/'([^' ]+)/)?.[1] ?? message;
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new Error(`${flag} needs a value\n${USAGE}`, { cause: err });
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") throw new Error(`unknown argument ${flag}\n${USAGE}`, { cause: err });
    throw err;
  }
}

export function parseArgs(argv: string[]): BenchArgs {
  const values = parseFlags(argv);
  const list = (text: string) => text.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  const sizes = list(values.sizes ?? "2,8,16,32").map(Number);
  sizes.forEach((n) => syntheticShape(n));
  const envSizes = values["env-sizes"] === "none" ? [] : list(values["env-sizes"] ?? "16").map(Number);
  envSizes.forEach((n) => syntheticShape(n));
  const repeat = Number(values.repeat ?? "1");
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat needs a positive integer; got ${values.repeat}`);
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    stacks: values.stacks === "none" ? [] : list(values.stacks ?? "prod,staging"),
    repeat,
    envSizes: [...new Set(envSizes)].sort((a, b) => a - b),
    json: values.json ?? path.join("bench", "results", "latest.json"),
    profile: values.profile,
  };
}

/** Heap limit of the measuring processes, in MB. */
export const CHILD_HEAP_MB = 12288;

/** Runs one job in a fresh node process (same node flags and preload as `npm run plan`). */
export function runInChild<T = Measurement>(job: Job | EnvironmentJob, profileDir?: string): Promise<T> {
  const execArgv = [
    ...planExecArgv(),
    // A 32-site plan of the full program can outgrow node's default heap limit (about 0.23 MB per resource).
    `--max-old-space-size=${CHILD_HEAP_MB}`,
    ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
  ];
  return new Promise((resolve, reject) => {
    // A measurement always runs the program: never a stored run (tools/plan/runCache.ts).
    const env = { ...process.env, CALLMYWAY_RUN_CACHE: "off" };
    const child = fork(path.join(__dirname, "measure.ts"), [JSON.stringify(job)], { cwd: PROJECT_ROOT, env, execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let answered = false;
    child.on("message", (message: { ok: boolean; result?: T; error?: string }) => {
      answered = true;
      if (message.ok) resolve(message.result!);
      else reject(new Error(`${JSON.stringify(job)} failed: ${message.error}`));
    });
    child.on("exit", (code) => {
      if (!answered) reject(new Error(`${JSON.stringify(job)}: the measuring process exited with code ${code} without a result`));
    });
  });
}

/** Best (least CPU) of `repeat` fresh-process runs. */
async function best(job: Job, args: BenchArgs, profileDir?: string): Promise<Measurement> {
  let fastest: Measurement | undefined;
  for (let i = 0; i < args.repeat; i++) {
    const m = await runInChild(job, profileDir);
    if (!fastest || m.cpuMs < fastest.cpuMs) fastest = m;
  }
  return fastest!;
}

async function runCase(name: string, job: Extract<Job, { kind: "stack" | "synthetic" }>, args: BenchArgs, log: (text: string) => void): Promise<CaseResult> {
  log(`  ${name}: plan...`);
  const planFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-")), "resources.json");
  const plan = await best({ ...job, planOut: planFile }, args, args.profile && path.join(args.profile, name, "plan"));
  log(`  ${name}: floor of ${plan.resources} resources...`);
  const floor = await best({ kind: "floor", resources: plan.resources }, args, args.profile && path.join(args.profile, name, "floor"));
  if (floor.resources !== plan.resources) throw new Error(`${name}: the floor registered ${floor.resources} resources, the plan ${plan.resources}`);
  log(`  ${name}: replay of the plan's cloud resources...`);
  const replay = await best({ kind: "replay", planFile }, args, args.profile && path.join(args.profile, name, "replay"));
  const check = job.kind === "stack" ? await best({ kind: "check", stack: job.stack, planFile }, args, args.profile && path.join(args.profile, name, "check")) : undefined;
  fs.rmSync(path.dirname(planFile), { recursive: true, force: true });
  return {
    name,
    shape: job.kind === "synthetic" ? syntheticShape(job.sites) : undefined,
    plan,
    floor,
    replay,
    ...(check ? { check } : {}),
    planFloorRatio: plan.cpuMs / floor.cpuMs,
    planFloorWallRatio: plan.wallMs / floor.wallMs,
    planReplayRatio: plan.cpuMs / replay.cpuMs,
  };
}

/** One synthetic environment's stacks in a fresh process, then the one-site change in fresh ones (best CPU of `repeat`). */
async function runEnvironmentCase(sites: number, args: BenchArgs, log: (text: string) => void): Promise<EnvironmentResult> {
  log(`  environment of ${sites} sites: every stack...`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-stacks-"));
  const outputsFile = path.join(dir, "outputs.json");
  try {
    const environment = await runInChild<MeasuredEnvironment>({ kind: "environment", sites, outputsFile });
    log(`  environment of ${sites} sites: a change to ${environment.change.changed}...`);
    let fastest: ChangeTiming | undefined;
    for (let i = 0; i < args.repeat; i++) {
      const timing = await runInChild<ChangeTiming>({ kind: "change", sites, planned: environment.change.planned, outputsFile });
      if (!fastest || timing.cpuMs < fastest.cpuMs) fastest = timing;
    }
    return { ...environment, change: { ...environment.change, ...fastest! } };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(argv: string[], log: (text: string) => void = (t) => console.log(t)): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const loadBefore = os.loadavg()[0];
  log(`Measuring (one fresh process per run)...`);
  const cases: CaseResult[] = [];
  for (const stack of args.stacks) cases.push(await runCase(stack, { kind: "stack", stack }, args, log));
  for (const sites of args.sizes) cases.push(await runCase(`synthetic-${sites}`, { kind: "synthetic", sites }, args, log));

  const environments: EnvironmentResult[] = [];
  for (const sites of args.sizes) environments.push(await runEnvironmentCase(sites, args, log));

  const environmentPlans: EnvironmentPlanResult[] = [];
  for (const stack of args.stacks) {
    log(`  environment ${stack}: the whole offline plan...`);
    environmentPlans.push(await measureEnvironmentPlan(stack, stack, args.repeat));
  }
  for (const sites of args.envSizes) {
    log(`  synthetic environment of ${sites} sites: the whole offline plan...`);
    environmentPlans.push(await measureEnvironmentPlan(`synthetic-${sites}`, { sites }, args.repeat));
  }

  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.arch()}` },
    loadAverage: { before: loadBefore, after: os.loadavg()[0] },
    repeat: args.repeat,
    cases,
    environments,
    environmentPlans,
    // Over every stack of the environment: the environment's stack alone holds only the shared part.
    superLinear: superLinearKinds(environments.map((e) => ({ sites: e.sites, countsByType: e.countsByType }))),
  };
  log("\n" + formatReport(report));
  fs.mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
  fs.writeFileSync(args.json, JSON.stringify(report, null, 2) + "\n");
  log(`\nResults written to ${args.json}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}

// npm run plan -- --env <environment> [--out-dir <dir>] [--baseline-dir <dir>] [--diff-out <file.md>] [--matrix-out <file.json>] [--policy-config <file>] [--jobs N]
// npm run plan -- --stack <name> [--out <file>] [--baseline <plan.json>] [--diff-out <file.md>] [--policy-config <file>] [--jobs N]
// npm run plan -- --list --env <environment>
// npm run plan -- --check <plan.json> [--policy-config <file>]
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../../config";
import { environmentStackOf, flattenConfigBlock } from "../../config/environment";
import { deployLevels } from "../../lib/stacks/layout";
import { readFlags, UsageError } from "../cliFlags";
import { PROJECT_ROOT, readStackConfig, stackFile } from "../stackConfig";
import { parse } from "yaml";
import { diffMarkdown, diffPlans } from "./diff";
import { parsePlan, serializePlan, type PlanDocument } from "./document";
import { stacksOf } from "./environment";
import { ciMatrix, planEnvironment, planOf, type EnvironmentPlan } from "./environmentPlan";
import { checksFail, diffsAgainst, environmentMarkdown, formatEnvironment, stackFails } from "./environmentReport";
import { formatFigures } from "./figures";
import { formatReachability } from "./reachability";
import { summarize } from "./summary";
import { workerPool } from "./workerPool";
import { mandatoryViolations, PolicyViolation } from "../policy/engine";
import { policyConfigForStack } from "../policy/fromStack";
import { parsePolicyConfig, PolicyConfigError, PolicyConfigFile } from "../policy/policyConfig";
import { formatViolations, policyViolationsFor } from "../policy/report";
import { formatPreflight, PreflightReport } from "../preflight";
import { preflightOf, recordedLookups, stackValuesFor } from "../preflight/ofPlan";
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export type PlanArgs =
  | { readonly mode: "check"; readonly stack?: undefined; readonly check: string; readonly policyConfig?: string }
  | { readonly mode: "list"; readonly stack?: undefined; readonly env: string }
  | {
      readonly mode: "env";
      readonly stack?: undefined;
      readonly env: string;
      readonly outDir: string;
      readonly baselineDir?: string;
      readonly diffOut?: string;
      /** Where to write CI's matrix: the planned stacks by deploy level, and the skipped ones. */
      readonly matrixOut?: string;
      readonly policyConfig?: string;
      /** Worker processes; default one per CPU. */
      readonly jobs?: number;
    }
  | {
      /** The one-stack plan (its flags as before environments had several stacks). */
      readonly mode?: undefined;
      readonly stack: string;
      readonly out: string;
      readonly baseline?: string;
      readonly diffOut?: string;
      readonly policyConfig?: string;
      readonly jobs?: number;
    };

const USAGE =
  "usage: npm run plan -- --env <environment> [--out-dir <dir>] [--baseline-dir <dir>] [--diff-out <file.md>] [--matrix-out <file.json>] [--policy-config <file>] [--jobs N]\n" +
  "       npm run plan -- --stack <name> [--out <file>] [--baseline <plan.json>] [--diff-out <file.md>] [--policy-config <file>] [--jobs N]\n" +
  "       npm run plan -- --list --env <environment>\n" +
  "       npm run plan -- --check <plan.json> [--policy-config <file>]";

const FLAGS = [
  "stack",
  "env",
  "out",
  "out-dir",
  "baseline",
  "baseline-dir",
  "diff-out",
  "matrix-out",
  "check",
  "policy-config",
  "jobs",
] as const;
type Flag = (typeof FLAGS)[number];

const NAME = /^[A-Za-z0-9_.-]+$/;

function only(values: Record<string, string | undefined>, mode: string, allowed: readonly Flag[]): void {
  const extra = FLAGS.filter((k) => !allowed.includes(k) && values[k] !== undefined);
  const others = allowed.filter((f) => `--${f}` !== mode);
  if (extra.length > 0)
    throw new UsageError(
      `${mode} takes only ${others.map((f) => `--${f}`).join(", ")}, not --${extra.join(", --")}\n${USAGE}`,
    );
}

function named(value: string): string {
  if (!NAME.test(value)) throw new UsageError(`"${value}" is not a stack name`);
  return value;
}

function jobsOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UsageError(`--jobs takes a whole number of processes, not "${text}"`);
  return jobs;
}

export function parseArgs(argv: string[]): PlanArgs {
  // --list is the one flag without a value.
  const list = argv.includes("--list");
  const values = readFlags(
    argv.filter((a) => a !== "--list"),
    FLAGS,
    USAGE,
  );
  if (values.check) {
    only(values, "--check", ["check", "policy-config"]);
    if (list) throw new UsageError(`--check takes no --list\n${USAGE}`);
    return { mode: "check", check: values.check, policyConfig: values["policy-config"] };
  }
  if (list) {
    only(values, "--list", ["env"]);
    if (!values.env) throw new UsageError(`--list needs --env\n${USAGE}`);
    return { mode: "list", env: named(values.env) };
  }
  if (values.env && values.stack) throw new UsageError(`give --env or --stack, not both\n${USAGE}`);
  if (values.env) {
    only(values, "--env", ["env", "out-dir", "baseline-dir", "diff-out", "matrix-out", "policy-config", "jobs"]);
    return {
      mode: "env",
      env: named(values.env),
      outDir: values["out-dir"] ?? path.join(".plan", values.env),
      baselineDir: values["baseline-dir"],
      diffOut: values["diff-out"],
      matrixOut: values["matrix-out"],
      policyConfig: values["policy-config"],
      jobs: jobsOf(values.jobs),
    };
  }
  if (!values.stack) throw new UsageError(`--env or --stack is required\n${USAGE}`);
  only(values, "--stack", ["stack", "out", "baseline", "diff-out", "policy-config", "jobs"]);
  const stack = named(values.stack);
  return {
    stack,
    out: values.out ?? path.join(".plan", `${stack}.json`),
    baseline: values.baseline,
    diffOut: values["diff-out"],
    policyConfig: values["policy-config"],
    jobs: jobsOf(values.jobs),
  };
}

export interface Io {
  log(text: string): void;
  error(text: string): void;
}

/** Runs the offline plan; returns the process exit code. */
export async function main(
  argv: string[],
  io: Io = { log: console.log, error: console.error },
  root = PROJECT_ROOT,
): Promise<number> {
  let args: PlanArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    io.error((err as Error).message);
    return EXIT.usage;
  }
  if (args.mode === "check") return check(args.check, args.policyConfig, io, root);
  try {
    switch (args.mode) {
      case "list":
        io.log(
          JSON.stringify({
            levels: deployLevels(stacksOf(readStackConfig(args.env, root))).map((l) => l.map((s) => s.name)),
          }),
        );
        return EXIT.ok;
      case "env":
        return await planEnvironmentCommand(args, io, root);
      default:
        return await planStackCommand(args, io, root);
    }
  } catch (err) {
    if (err instanceof ConfigError || err instanceof PolicyConfigError || err instanceof UsageError) {
      io.error(err.message);
      return EXIT.usage;
    }
    throw err;
  }
}

/** Runs the plan with `jobs` worker processes (in this process when 1). */
async function withRunner<T>(
  jobs = os.availableParallelism(),
  plan: (runStack?: ReturnType<typeof workerPool>["run"]) => Promise<T>,
): Promise<T> {
  if (jobs <= 1) return plan();
  const pool = workerPool(jobs);
  try {
    return await plan(pool.run);
  } finally {
    await pool.close();
  }
}

/** The environment a stack belongs to: the one its file names, or itself (the shared stack). */
function environmentOf(stack: string, root: string): string {
  const file = stackFile(stack, root);
  if (!fs.existsSync(file)) throw new UsageError(`no stack file ${path.basename(file)} in ${root}`);
  return environmentStackOf(flattenConfigBlock(parse(fs.readFileSync(file, "utf8"))).values) ?? stack;
}

function baselineIn(dir: string | undefined): (stack: string) => PlanDocument | undefined {
  const read = new Map<string, PlanDocument | undefined>();
  return (stack) => {
    if (!dir) return undefined;
    if (!read.has(stack)) {
      const file = path.join(dir, `${stack}.json`);
      read.set(stack, fs.existsSync(file) ? parsePlan(fs.readFileSync(file, "utf8"), file) : undefined);
    }
    return read.get(stack);
  };
}

async function planEnvironmentCommand(args: Extract<PlanArgs, { mode: "env" }>, io: Io, root: string): Promise<number> {
  const named = environmentOf(args.env, root);
  if (named !== args.env)
    throw new UsageError(`${args.env} is a stack of ${named}; --env takes the environment's own stack`);
  const environment = readStackConfig(args.env, root);
  const baseline = baselineIn(args.baselineDir);
  const policyConfig = args.policyConfig ? readPolicyConfig(args.policyConfig) : undefined;
  const plan = await withRunner(args.jobs, (runStack) =>
    planEnvironment(environment, { policyConfig, baseline, runStack }),
  );
  fs.mkdirSync(args.outDir, { recursive: true });
  // Skipped stacks keep the base's plan, so the directory stays whole for the next comparison.
  plan.stacks.forEach((s) => fs.writeFileSync(path.join(args.outDir, `${s.spec.name}.json`), serializePlan(planOf(s))));
  io.log(formatEnvironment(plan));
  io.log(`\nPlans written to ${args.outDir}`);
  plan.stacks
    .filter(stackFails)
    .forEach((s) => io.error(`${s.spec.name}: mandatory policy or preflight violations (see its plan file)`));
  plan.checks?.mesh.forEach((p) => io.error(`mesh check: ${p}`));
  if (args.matrixOut) fs.writeFileSync(args.matrixOut, JSON.stringify(ciMatrix(plan)) + "\n");
  let dropsCalls = false;
  if (args.baselineDir) {
    const diffs = diffsAgainst(plan, baseline);
    const markdown = environmentMarkdown(plan, diffs);
    io.log("\n" + markdown);
    if (args.diffOut) fs.writeFileSync(args.diffOut, markdown);
    diffs.forEach((d) => d.diff?.sbcStepProblems.forEach((p) => io.error(`SBC step check (${d.stack}): ${p}`)));
    dropsCalls = diffs.some((d) => (d.diff?.sbcStepProblems.length ?? 0) > 0);
  }
  return plan.stacks.some(stackFails) || checksFail(plan.checks) || dropsCalls ? EXIT.failed : EXIT.ok;
}

async function planStackCommand(args: Extract<PlanArgs, { mode?: undefined }>, io: Io, root: string): Promise<number> {
  const environment = readStackConfig(environmentOf(args.stack, root), root);
  const baseline = args.baseline ? parsePlan(fs.readFileSync(args.baseline, "utf8"), args.baseline) : undefined;
  const policyConfig = args.policyConfig ? readPolicyConfig(args.policyConfig) : undefined;
  const environmentPlan: EnvironmentPlan = await withRunner(args.jobs, (runStack) =>
    planEnvironment(environment, { policyConfig, only: [args.stack], runStack }),
  );
  const outcome = environmentPlan.stacks[0];
  if (!outcome || !("planned" in outcome))
    throw new UsageError(`the environment ${environment.stack} has no stack ${args.stack}`);
  const plan = outcome.planned;

  fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  fs.writeFileSync(args.out, serializePlan(plan));
  io.log(summarize(plan));
  io.log("\n" + formatFigures(plan.figures));
  io.log("\n" + formatReachability(plan.reachability));
  const violations = plan.policyViolations as PolicyViolation[];
  io.log("\n" + formatViolations(violations));
  const preflight = plan.preflight as PreflightReport;
  io.log("\n" + formatPreflight(preflight));
  io.log(`\nPlan written to ${args.out}`);

  // A step that replaces more than one SBC of a site, or an undrained one, drops calls: the plan fails.
  let dropsCalls = false;
  if (baseline) {
    const diff = diffPlans(baseline, plan);
    const markdown = diffMarkdown(diff, args.stack);
    io.log("\n" + markdown);
    if (args.diffOut) fs.writeFileSync(args.diffOut, markdown);
    diff.sbcStepProblems.forEach((p) => io.error(`SBC step check: ${p}`));
    dropsCalls = diff.sbcStepProblems.length > 0;
  }
  return mandatoryViolations(violations).length > 0 || preflight.violations.length > 0 || dropsCalls
    ? EXIT.failed
    : EXIT.ok;
}

function readPolicyConfig(file: string): PolicyConfigFile {
  return parsePolicyConfig(fs.readFileSync(file, "utf8"), file);
}

/**
 * --check: the policies and the preflight against a saved plan (a hand-edited one too), with the config
 * of the stack it names (or the given policy config).
 */
async function check(file: string, policyConfigFile: string | undefined, io: Io, root: string): Promise<number> {
  try {
    const plan = parsePlan(fs.readFileSync(file, "utf8"), file);
    const config = policyConfigFile ? readPolicyConfig(policyConfigFile) : policyConfigForStack(plan.stack, root);
    const violations = await policyViolationsFor(plan.resources, config);
    const preflight = preflightOf({
      resources: plan.resources,
      stackValues: stackValuesFor(plan.stack, root),
      amiLookups: recordedLookups(plan),
    });
    io.log(`Policy check of ${file} (stack ${plan.stack}, ${plan.resources.length} registrations)\n`);
    io.log(formatViolations(violations));
    io.log("\n" + formatPreflight(preflight));
    return mandatoryViolations(violations).length > 0 || preflight.violations.length > 0 ? EXIT.failed : EXIT.ok;
  } catch (err) {
    if (
      err instanceof ConfigError ||
      err instanceof PolicyConfigError ||
      (err as NodeJS.ErrnoException).code === "ENOENT" ||
      /is not (JSON|a plan file)|needs urn/.test((err as Error).message)
    ) {
      io.error((err as Error).message);
      return EXIT.usage;
    }
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(EXIT.failed);
    },
  );
}

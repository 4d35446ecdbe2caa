// npm run plan -- --stack <name> [--out <file>] [--baseline <plan.json>] [--diff-out <file.md>] [--policy-config <file>]
// npm run plan -- --check <plan.json> [--policy-config <file>]
import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "../../config";
import { readFlags, UsageError } from "../cliFlags";
import { PROJECT_ROOT } from "../stackConfig";
import { diffMarkdown, diffPlans } from "./diff";
import { buildPlan, parsePlan, serializePlan } from "./document";
import { formatFigures } from "./figures";
import { formatReachability } from "./reachability";
import { summarize } from "./summary";
import { mandatoryViolations, PolicyViolation } from "../policy/engine";
import { policyConfigForStack } from "../policy/fromStack";
import { parsePolicyConfig, PolicyConfigError, PolicyConfigFile } from "../policy/policyConfig";
import { formatViolations, policyViolationsFor } from "../policy/report";
import { formatPreflight, PreflightReport } from "../preflight";
import { preflightOf, recordedLookups, stackValuesFor } from "../preflight/ofPlan";

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface PlanArgs {
  stack: string;
  out: string;
  baseline?: string;
  diffOut?: string;
  /** Evaluate the policies on this saved plan instead of planning. */
  check?: string;
  policyConfig?: string;
}

const USAGE =
  "usage: npm run plan -- --stack <name> [--out <file>] [--baseline <plan.json>] [--diff-out <file.md>] [--policy-config <file>]\n" +
  "       npm run plan -- --check <plan.json> [--policy-config <file>]";

const FLAGS = ["stack", "out", "baseline", "diff-out", "check", "policy-config"] as const;

export function parseArgs(argv: string[]): PlanArgs {
  const values = readFlags(argv, FLAGS, USAGE);
  if (values.check) {
    const extra = FLAGS.filter((k) => !["check", "policy-config"].includes(k) && values[k] !== undefined);
    if (extra.length > 0)
      throw new UsageError(`--check takes only --policy-config, not --${extra.join(", --")}\n${USAGE}`);
    return { stack: "", out: "", check: values.check, policyConfig: values["policy-config"] };
  }
  if (!values.stack) throw new UsageError(`--stack is required\n${USAGE}`);
  if (!/^[A-Za-z0-9_.-]+$/.test(values.stack)) throw new UsageError(`"${values.stack}" is not a stack name`);
  return {
    stack: values.stack,
    out: values.out ?? path.join(".plan", `${values.stack}.json`),
    baseline: values.baseline,
    diffOut: values["diff-out"],
    policyConfig: values["policy-config"],
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
  if (args.check) return check(args.check, args.policyConfig, io, root);
  const baseline = args.baseline ? parsePlan(fs.readFileSync(args.baseline, "utf8"), args.baseline) : undefined;

  let plan;
  try {
    plan = await buildPlan(args.stack, root, args.policyConfig ? readPolicyConfig(args.policyConfig) : undefined);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof PolicyConfigError) {
      io.error(err.message);
      return EXIT.usage;
    }
    throw err;
  }

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

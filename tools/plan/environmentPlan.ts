// The offline plan of an environment: every stack planned on its own (policy pack, preflight, figures,
// reachability), in dependency order with each StackReference resolved from its upstream's `up` run
// (tools/plan/environment.ts says why), then the checks no single stack can make, over the union of
// the stacks' resources. With a base branch's plans, a stack whose inputs digest is the base's is not
// run: its plan is the base's. The walk and its decisions are scheduler.ts's, shared with the tests.
import { validateConfig } from "../../config";
import type { NetworkConfig } from "../../config/schema";
import { awsSitesOf } from "../../lib/model/sites";
import { deployLevels, type StackSpec } from "../../lib/stacks/layout";
import type { PolicyConfigFile } from "../policy/policyConfig";
import { type PreflightReport } from "../preflight";
import { preflightOf, recordedLookups } from "../preflight/ofPlan";
import { type StackConfig, rawProjectConfig } from "../stackConfig";
import { planOfRun, type PlanDocument, type PlannedStack } from "./document";
import { stacksOf } from "./environment";
import { inputChanges, inputsDigest, type StackInputs } from "./inputsDigest";
import { meshProblems } from "./meshCheck";
import { planReachability, type ReachabilityRow } from "./reachability";
import { environmentScheduler } from "./scheduler";
import type { RunStack } from "./workerPool";

/** A stack's plan as written: the PlannedStack with the digests change detection compares. */
export type EnvironmentStackPlan = PlannedStack & {
  inputs: StackInputs;
  inputsDigest: string;
  /** A stack others read: each output's digest, for its readers' change detection (inputsDigest.ts). */
  outputDigests?: Record<string, string>;
};

export type StackOutcome =
  | {
      readonly spec: StackSpec;
      readonly planned: EnvironmentStackPlan;
      /** Against a base: why it was planned (what differs from the base's inputs). */
      readonly why?: string;
    }
  | { readonly spec: StackSpec; readonly skipped: PlanDocument; readonly reason: string };

export interface EnvironmentChecks {
  /** Pairs of AWS sites the mesh leaves unpeered or unrouted. */
  readonly mesh: string[];
  readonly reachability: ReachabilityRow[];
  /** The preflight over every stack's resources: quotas are per region, whichever stacks use them. */
  readonly preflight: PreflightReport;
}

export interface EnvironmentPlan {
  readonly environment: string;
  readonly config: NetworkConfig;
  /** The reported stacks, in deploy order. */
  readonly stacks: StackOutcome[];
  /** Only when every stack of the environment is reported. */
  readonly checks?: EnvironmentChecks;
}

export interface EnvironmentPlanOptions {
  readonly policyConfig?: PolicyConfigFile;
  /** Report only these stacks (their upstreams still run, for their outputs). */
  readonly only?: readonly string[];
  /** The base branch's plan of a stack, if it has one. */
  readonly baseline?: (stack: string) => PlanDocument | undefined;
  /** How a stack's program runs (default: in this process, one at a time). */
  readonly runStack?: RunStack;
  readonly now?: Date;
}

export async function planEnvironment(
  environment: StackConfig,
  options: EnvironmentPlanOptions = {},
): Promise<EnvironmentPlan> {
  const config = validateConfig(rawProjectConfig(environment.values));
  const all = stacksOf(environment);
  const reported = options.only ? all.filter((s) => options.only!.includes(s.name)) : all;
  const scheduler = environmentScheduler(environment, {
    only: reported.map((s) => s.name),
    runStack: options.runStack,
    baseline: options.baseline,
  });

  const outcome = async (spec: StackSpec): Promise<StackOutcome> => {
    const skipped = await scheduler.skip(spec.name);
    if (skipped) return { spec, skipped: skipped.base, reason: skipped.reason };
    const stackConfig = scheduler.configOf(spec);
    const run = await scheduler.run(spec.name, true);
    const up = scheduler.read.has(spec.name) ? await scheduler.applied(spec.name) : undefined;
    // What its runs asked of each upstream: its preview's and, for a stack others read, its `up`'s.
    const inputs = await scheduler.inputsOf(spec.name, up ? [run, up] : [run]);
    const before = options.baseline?.(spec.name);
    const why = !options.baseline
      ? undefined
      : before
        ? inputChanges(inputs, before.inputs as Partial<StackInputs> | undefined).join("; ")
        : "no plan of it in base";
    const plan = await planOfRun(stackConfig, run, options.policyConfig, { now: options.now });
    const outputs = up ? { outputDigests: await scheduler.outputDigestsOf(spec.name) } : {};
    return { spec, planned: { ...plan, inputs, inputsDigest: inputsDigest(inputs), ...outputs }, why };
  };
  const stacks = await Promise.all(reported.map(outcome));
  const checks = options.only ? undefined : environmentChecks(stacks, environment, config);
  return { environment: environment.stack, config, stacks, checks };
}

/** The plan a stack has in this run: its new one, or the base's when it was skipped. */
export function planOf(outcome: StackOutcome): PlanDocument {
  return "planned" in outcome ? outcome.planned : outcome.skipped;
}

function environmentChecks(stacks: readonly StackOutcome[], environment: StackConfig, config: NetworkConfig) {
  const plans = stacks.map(planOf);
  const resources = plans.flatMap((p) => p.resources);
  const sites = awsSitesOf(config).map((s) => ({ name: s.name, region: s.region, cidr: s.cidr }));
  return {
    mesh: sites.length > 1 ? meshProblems(resources, sites) : [],
    reachability: planReachability(resources, config),
    preflight: preflightOf({
      resources,
      stackValues: environment.values,
      amiLookups: plans.flatMap((p) => recordedLookups(p)),
    }),
  };
}

/**
 * CI's matrix (.github/workflows/stack-levels.yml): the planned stacks by deploy level (a level with
 * none planned stays, empty, so that level k is always the k-th job) and the skipped stacks.
 */
export function ciMatrix(plan: EnvironmentPlan): { levels: string[][]; skipped: string[] } {
  const planned = new Set(plan.stacks.filter((s) => "planned" in s).map((s) => s.spec.name));
  return {
    levels: deployLevels(plan.stacks.map((s) => s.spec)).map((level) =>
      level.filter((s) => planned.has(s.name)).map((s) => s.name),
    ),
    skipped: plan.stacks.filter((s) => !planned.has(s.spec.name)).map((s) => s.spec.name),
  };
}

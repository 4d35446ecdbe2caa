// The offline plan of an environment: every stack planned on its own (policy pack, preflight, figures,
// reachability), in dependency order with each StackReference resolved from its upstream's `up` run
// (tools/plan/environment.ts says why), then the checks no single stack can make, over the union of
// the stacks' resources. With a base branch's plans, a stack whose inputs digest is the base's is not
// run: its plan is the base's.
import { validateConfig } from "../../config";
import type { NetworkConfig } from "../../config/schema";
import { awsSitesOf } from "../../lib/model/sites";
import { deployLevels, type StackSpec } from "../../lib/stacks/layout";
import type { PolicyConfigFile } from "../policy/policyConfig";
import { type PreflightReport } from "../preflight";
import { preflightOf, recordedLookups } from "../preflight/ofPlan";
import { PROJECT_ROOT, type StackConfig, rawProjectConfig } from "../stackConfig";
import { planOfRun, type PlanDocument, type PlannedStack } from "./document";
import { partStackConfig, stacksOf, withUpstreams } from "./environment";
import { inputChanges, inputsDigest, outputsDigest, stackInputs, type StackInputs } from "./inputsDigest";
import { meshProblems } from "./meshCheck";
import { runProgram } from "./programRun";
import { planReachability, type ReachabilityRow } from "./reachability";
import { type RunStack, serialized } from "./workerPool";

export const UNCHANGED = "inputs unchanged: config, sources and upstream outputs identical to base";

/** A stack's plan as written: the PlannedStack with the digests change detection compares. */
export type EnvironmentStackPlan = PlannedStack & { inputs: StackInputs; inputsDigest: string; outputsDigest?: string };

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

const memo = <T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> => {
  let found = cache.get(key);
  if (!found) cache.set(key, (found = make()));
  return found;
};

export async function planEnvironment(
  environment: StackConfig,
  options: EnvironmentPlanOptions = {},
): Promise<EnvironmentPlan> {
  const config = validateConfig(rawProjectConfig(environment.values));
  const all = stacksOf(environment);
  const reported = options.only ? all.filter((s) => options.only!.includes(s.name)) : all;
  const specs = withUpstreams(
    all,
    reported.map((s) => s.name),
  );
  const byName = new Map(specs.map((s) => [s.name, s]));
  const read = new Set(specs.flatMap((s) => s.reads));
  const runStack = options.runStack ?? serialized(runProgram);
  const configOf = (spec: StackSpec) => partStackConfig(environment, spec);

  // `up` runs (what readers see) and the decisions, each made once however many stacks ask.
  const applied = new Map<string, Promise<Record<string, unknown>>>();
  const decisions = new Map<string, Promise<{ inputs: StackInputs; digest: string; base?: PlanDocument }>>();
  const upstreamsOf = async (spec: StackSpec) =>
    Object.fromEntries(await Promise.all(spec.reads.map(async (name) => [name, await appliedOutputs(name)] as const)));
  const appliedOutputs = (name: string): Promise<Record<string, unknown>> =>
    memo(applied, name, async () => {
      const spec = byName.get(name)!;
      const upstreams = await upstreamsOf(spec);
      return (await runStack(configOf(spec), { root: PROJECT_ROOT, preview: false, upstreams })).wireOutputs;
    });
  const outputsDigestOf = async (name: string): Promise<string> => {
    const { base } = await decide(name);
    return base ? (base.outputsDigest as string) : outputsDigest(await appliedOutputs(name));
  };
  /** The stack's inputs digest, and the base's plan when it has the same one (the stack is then not run). */
  const decide = (name: string) =>
    memo(decisions, name, async () => {
      const spec = byName.get(name)!;
      const upstreamDigests = Object.fromEntries(
        await Promise.all(spec.reads.map(async (r) => [r, await outputsDigestOf(r)] as const)),
      );
      const inputs = stackInputs(spec, configOf(spec).values, PROJECT_ROOT, upstreamDigests);
      const digest = inputsDigest(inputs);
      const base = options.baseline?.(name);
      const same =
        base !== undefined &&
        base.inputsDigest === digest &&
        (!read.has(name) || typeof base.outputsDigest === "string");
      return { inputs, digest, base: same ? base : undefined };
    });

  const outcome = async (spec: StackSpec): Promise<StackOutcome> => {
    const { inputs, digest, base } = await decide(spec.name);
    if (base) return { spec, skipped: base, reason: UNCHANGED };
    const before = options.baseline?.(spec.name);
    const why = !options.baseline
      ? undefined
      : before
        ? inputChanges(inputs, before.inputs as Partial<StackInputs> | undefined).join("; ")
        : "no plan of it in base";
    const stackConfig = configOf(spec);
    const run = await runStack(stackConfig, { root: PROJECT_ROOT, preview: true, upstreams: await upstreamsOf(spec) });
    const plan = await planOfRun(stackConfig, run, options.policyConfig, { now: options.now });
    const outputs = read.has(spec.name) ? { outputsDigest: outputsDigest(await appliedOutputs(spec.name)) } : {};
    return { spec, planned: { ...plan, inputs, inputsDigest: digest, ...outputs }, why };
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

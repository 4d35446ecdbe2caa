import * as fs from "fs";
import { parse } from "yaml";
import { validateConfig } from "../../config";
import { environmentStackOf, flattenConfigBlock } from "../../config/environment";
import { stacksOf } from "./environment";
import { PROJECT_NAME, PROJECT_ROOT, StackConfig, rawProjectConfig, readStackConfig, stackFile } from "../stackConfig";
import { Figures } from "../../lib/figures";
import { amiLookupViolations } from "../policy/amiLookups";
import { byViolationOrder } from "../policy/engine";
import { PolicyConfigFile } from "../policy/policyConfig";
import { policyConfigFor } from "../policy/fromStack";
import { policyViolationsFor } from "../policy/report";
import { preflightOf } from "../preflight/ofPlan";
import { AmiLookup } from "../preflight/view";
import { Json, PlanResource, toPlanJson } from "./capture";
import { type ProgramRun, type ProgramRunOptions, runProgram } from "./programRun";
import { planFigures } from "./figures";
import { planReachability, ReachabilityRow } from "./reachability";

/** The offline plan: what `pulumi preview` would register, deterministic for the same input. */
export interface PlanDocument {
  project: string;
  stack: string;
  resources: PlanResource[];
  outputs: { [key: string]: Json };
  /** Added by later stages (figures, policy violations); kept in key order when written. */
  [extra: string]: unknown;
}

/** A planned stack: the plan, its resilience figures and its reachability figure. */
export type PlannedStack = PlanDocument & { figures: Figures; reachability: ReachabilityRow[] };

/**
 * Validates the stack's config (throws ConfigError before anything runs), then runs index.ts under
 * preview-faithful mocks with that config, then evaluates the policy pack on what it registered
 * (pack config derived from the stack file unless one is given).
 */
export async function buildPlan(
  stack: string,
  root = PROJECT_ROOT,
  policyConfig?: PolicyConfigFile,
  options: PlanOptions = {},
): Promise<PlannedStack> {
  const own = readStackConfig(stack, root);
  const environmentStack = environmentStackOf(
    flattenConfigBlock(parse(fs.readFileSync(stackFile(stack, root), "utf8"))).values,
  );
  if (environmentStack === undefined && options.upstreams === undefined && stacksOf(own)[0].reads.length === 0)
    return planFromStackConfig(own, root, policyConfig, options);
  // A part stack: its upstreams run first, for the outputs its StackReferences read.
  const [{ planEnvironment }, { serialized }] = await Promise.all([
    import("./environmentPlan"),
    import("./workerPool"),
  ]);
  const environment = readStackConfig(environmentStack ?? stack, root);
  const plan = await planEnvironment(environment, {
    policyConfig,
    only: [stack],
    now: options.now,
    // One runtime per process: the stacks' runs queue.
    runStack: serialized((config, runOptions) => runProgram(config, { ...runOptions, root, live: options.live })),
  });
  const outcome = plan.stacks[0];
  if (!outcome || !("planned" in outcome))
    throw new Error(`the environment ${environment.stack} has no stack ${stack}`);
  return outcome.planned as PlannedStack;
}

/**
 * The plan of any stack config (a stack file's, or a synthetic one for the benchmark): validate,
 * run index.ts under the mocks, evaluate the policy pack (its config derived from the stack unless
 * given) and compute the figures. `live` runs the program even when the run cache holds this run.
 */
export interface PlanOptions {
  /** Run the program even when the run cache holds this run. */
  readonly live?: boolean;
  /** Run the preflight (default true; the benchmark measures without it too). */
  readonly preflight?: boolean;
  /** The day the preflight checks dated lifecycles against; default today. */
  readonly now?: Date;
  /** Filled with the CPU time the preflight took, for the benchmark (never written to the plan). */
  readonly timings?: { preflightCpuMs?: number };
  /** The outputs of the stacks this one reads (wire format), for its StackReferences. */
  readonly upstreams?: ProgramRunOptions["upstreams"];
}

export async function planFromStackConfig(
  config: StackConfig,
  root = PROJECT_ROOT,
  policyConfig?: PolicyConfigFile,
  options: PlanOptions = {},
): Promise<PlannedStack> {
  validateConfig(rawProjectConfig(config.values));
  const run = await runProgram(config, { root, preview: true, live: options.live, upstreams: options.upstreams });
  return planOfRun(config, run, policyConfig, options);
}

/** The plan of a preview run already made (the environment plan runs its stacks in worker processes). */
export async function planOfRun(
  config: StackConfig,
  run: ProgramRun,
  policyConfig?: PolicyConfigFile,
  options: Pick<PlanOptions, "preflight" | "now" | "timings"> = {},
): Promise<PlannedStack> {
  const networkConfig = validateConfig(rawProjectConfig(config.values));
  const { resources, outputs, amiLookups } = run;
  const packConfig = policyConfig ?? policyConfigFor(networkConfig);
  const policyViolations = [
    ...(await policyViolationsFor(resources, packConfig)),
    ...amiLookupViolations(amiLookups, packConfig),
  ].sort(byViolationOrder);
  const imageLookups = amiLookups.map((l) => ({
    inputs: toPlanJson(l.inputs),
    answer: toPlanJson(l.answer),
  })) as AmiLookup[];
  const plan = {
    project: PROJECT_NAME,
    stack: config.stack,
    resources,
    outputs,
    policyViolations,
    figures: planFigures(networkConfig),
    reachability: planReachability(resources, networkConfig),
    imageLookups,
  };
  if (options.preflight === false) return plan;
  const cpuStart = process.cpuUsage();
  const preflight = preflightOf({ resources, stackValues: config.values, amiLookups: imageLookups, now: options.now });
  const cpu = process.cpuUsage(cpuStart);
  if (options.timings) options.timings.preflightCpuMs = (cpu.user + cpu.system) / 1000;
  return { ...plan, preflight };
}

/** Stable text: fixed key order at the top and for each resource, sorted keys inside inputs. */
export function serializePlan(plan: PlanDocument): string {
  const { project, stack, resources, outputs, ...extra } = plan;
  const ordered = {
    project,
    stack,
    resources: resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      dependencies: r.dependencies,
      propertyDependencies: r.propertyDependencies,
      inputs: r.inputs,
      provider: r.provider,
      custom: r.custom,
    })),
    outputs,
    ...Object.fromEntries(
      Object.keys(extra)
        .sort()
        .map((k) => [k, extra[k]]),
    ),
  };
  return JSON.stringify(ordered, null, 2) + "\n";
}

/** Reads a plan file and checks it has the shape this tool writes. */
export function parsePlan(text: string, source: string): PlanDocument {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source} is not JSON: ${(err as Error).message}`, { cause: err });
  }
  const plan = data as Partial<PlanDocument>;
  if (!plan || typeof plan !== "object" || typeof plan.stack !== "string" || !Array.isArray(plan.resources)) {
    throw new Error(`${source} is not a plan file: expected { project, stack, resources: [...], outputs }`);
  }
  plan.resources.forEach((r, i) => {
    if (typeof r?.urn !== "string" || typeof r?.type !== "string" || typeof r?.inputs !== "object") {
      throw new Error(`${source}: resources[${i}] needs urn, type and inputs`);
    }
  });
  return plan as PlanDocument;
}

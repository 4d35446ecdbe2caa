// Measures a synthetic environment split into stacks (issue 14), in the measuring child process
// (measure.ts): every stack previewed in deploy order, each stack that others read also run as `up`
// for the outputs its readers' StackReferences see (tools/plan/scheduler.ts, as the tests and the
// offline plan run them), then the estimates of stacks.ts and which readers a first-site change re-plans. The applied outputs are saved so that a one-site change can be planned in a
// fresh process without re-planning the upstreams.
import * as fs from "fs";
import { performance } from "perf_hooks";
import { deployLevels, readersOf, type StackSpec } from "../../lib/stacks/layout";
import type { PlanResource } from "../plan/capture";
import { CONFIG_NAMESPACE } from "../../config";
import type { PlanDocument } from "../plan/document";
import { partStackConfig, stacksOf } from "../plan/environment";
import { inputsDigest } from "../plan/inputsDigest";
import { runProgram } from "../plan/programRun";
import { type EnvironmentScheduler, environmentScheduler } from "../plan/scheduler";
import type { StackConfig } from "../stackConfig";
import { RUNNER_CPUS, criticalPath, deploySeconds, pulumiDefaultParallelism } from "./deployTime";
import { countByType } from "./growth";
import { type ChangePlan, type ChangeTiming, type EnvironmentResult, type StackFigure, type StackTiming } from "./stacks";
import { syntheticStackConfig } from "./syntheticNetwork";

type Outputs = Record<string, Record<string, unknown>>;

const STACK_ROOT = "pulumi:pulumi:Stack";

/**
 * The environment as one graph (one engine): every stack's plan together, each stack's root waiting
 * for every resource of the stacks it reads. The program takes some upstream values as plain data
 * (stacks/references.ts `value`), which leaves no edge in the plan, so the edges are stack-wide, as a
 * job per stack sees them: the one graph differs from the jobs only by one shared `--parallel` and no
 * wait for the rest of a level. Kept as plan resources, so the deploy estimate reads it like any plan.
 */
export function oneGraph(
  plans: Readonly<Record<string, readonly PlanResource[]>>,
  readsOf: Readonly<Record<string, readonly string[]>>,
): PlanResource[] {
  return Object.entries(plans).flatMap(([stack, resources]) =>
    resources.map((r) => {
      if (r.type !== STACK_ROOT) return r;
      const upstream = (readsOf[stack] ?? []).flatMap((name) => {
        const plan = plans[name];
        if (!plan) throw new Error(`stack ${stack} reads ${name}, which was not planned`);
        return plan.map((u) => u.urn);
      });
      return { ...r, dependencies: [...r.dependencies, ...upstream] };
    }),
  );
}

/** The site whose change the benchmark plans: the last one (the first site's stack is read by every site). */
function changedSite(specs: readonly StackSpec[]): StackSpec {
  const sites = specs.filter((s) => s.part.kind === "site");
  return sites[sites.length - 1];
}

/** An environment's figures before its one-site change is timed (in another process). */
export type MeasuredEnvironment = Omit<EnvironmentResult, "change"> & { change: Omit<ChangePlan, keyof ChangeTiming> };

/** stacks.ts FIRST_SITE_CHANGE: one SBC fewer (one more would need a raised Elastic IP quota). */
function firstSiteChanged(environment: StackConfig, site: string): StackConfig {
  const key = `${CONFIG_NAMESPACE}:sites`;
  const sites = (JSON.parse(environment.values[key]) as { name: string; pools: { sbc: { count: number } } }[]).map((s) =>
    s.name === site ? { ...s, pools: { ...s.pools, sbc: { ...s.pools.sbc, count: s.pools.sbc.count - 1 } } } : s,
  );
  return { ...environment, values: { ...environment.values, [key]: JSON.stringify(sites) } };
}

/**
 * The readers of the first site's stack that its change re-plans: the scheduler's decisions (as the CLI
 * makes them against a base branch) with this run's stacks as the base; a reader whose config and
 * read outputs are unchanged is skipped. Only the runs those decisions need are made.
 */
async function firstSiteReplanned(
  environment: StackConfig,
  scheduler: EnvironmentScheduler,
  first: StackSpec,
  readers: readonly string[],
): Promise<string[]> {
  const base = new Map<string, PlanDocument>();
  for (const spec of scheduler.specs) {
    const read = scheduler.read.has(spec.name);
    const runs = [await scheduler.run(spec.name, true), ...(read ? [await scheduler.applied(spec.name)] : [])];
    const inputs = await scheduler.inputsOf(spec.name, runs);
    const outputs = read ? { outputDigests: await scheduler.outputDigestsOf(spec.name) } : {};
    base.set(spec.name, { project: "bench", stack: spec.name, resources: [], outputs: {}, inputs, inputsDigest: inputsDigest(inputs), ...outputs });
  }
  const part = first.part as { site: string };
  const after = environmentScheduler(firstSiteChanged(environment, part.site), { live: true, baseline: (name) => base.get(name) });
  const skipped = await Promise.all(readers.map((name) => after.skip(name)));
  return readers.filter((_, i) => skipped[i] === undefined);
}

/** Previews every stack of the synthetic environment; writes the applied outputs to `outputsFile`. */
export async function measureEnvironment(sites: number, outputsFile: string): Promise<MeasuredEnvironment> {
  const environment = syntheticStackConfig(sites);
  // The scheduler the tests and the offline plan use: each stack previewed, each stack others read run as `up`.
  const scheduler = environmentScheduler(environment, { live: true });
  const specs = scheduler.specs;
  const levels = deployLevels(specs);
  const applied: Outputs = {};
  const plans: Record<string, PlanResource[]> = {};
  for (const spec of levels.flat()) {
    const preview = await scheduler.run(spec.name, true);
    const up = scheduler.read.has(spec.name) ? await scheduler.applied(spec.name) : undefined;
    applied[spec.name] = (up ?? preview).wireOutputs;
    plans[spec.name] = preview.resources;
  }
  fs.writeFileSync(outputsFile, JSON.stringify(applied));
  const parallelism = pulumiDefaultParallelism(RUNNER_CPUS);
  const stacks: StackFigure[] = levels.flatMap((level, index) =>
    level.map((spec) => ({
      name: spec.name,
      kind: spec.part.kind,
      level: index,
      resources: plans[spec.name].length,
      deploySeconds: deploySeconds(plans[spec.name], parallelism),
      unlimitedSeconds: criticalPath(plans[spec.name]).totalSeconds,
    })),
  );
  const whole = oneGraph(plans, Object.fromEntries(specs.map((s) => [s.name, s.reads])));
  const changed = changedSite(specs);
  const firstSite = specs.find((s) => s.part.kind === "site")!;
  const firstReaders = readersOf(specs, [firstSite.name]);
  return {
    sites,
    parallelism,
    runnerCpus: RUNNER_CPUS,
    stacks,
    levels: levels.map((level) => level.map((s) => s.name)),
    change: {
      changed: changed.name,
      planned: [changed.name, ...readersOf(specs, [changed.name])],
      firstSiteReaders: firstReaders.length,
      firstSiteReplanned: await firstSiteReplanned(environment, scheduler, firstSite, firstReaders),
    },
    countsByType: countByType(Object.values(plans).flat()),
    oneGraph: { seconds: deploySeconds(whole, parallelism), unlimitedSeconds: criticalPath(whole).totalSeconds },
  };
}

/**
 * Plans a change to one site in a fresh process: the previews of `planned` (the changed stack, then
 * its readers), one after another, their upstreams' outputs read from the applied state. Returns the
 * wall and CPU time of those previews, the program's first load included (as a CI job pays it).
 */
export async function measureChange(
  sites: number,
  planned: readonly string[],
  outputsFile: string,
): Promise<ChangeTiming> {
  const environment = syntheticStackConfig(sites);
  const byName = new Map(stacksOf(environment).map((s) => [s.name, s]));
  const applied = JSON.parse(fs.readFileSync(outputsFile, "utf8")) as Outputs;
  const perStack: StackTiming[] = [];
  for (const name of planned) {
    const spec = byName.get(name);
    if (!spec) throw new Error(`the environment has no stack ${name}`);
    const upstreams = Object.fromEntries(spec.reads.map((r) => [r, applied[r]]));
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await runProgram(partStackConfig(environment, spec), { preview: true, live: true, upstreams });
    const cpu = process.cpuUsage(cpuStart);
    perStack.push({ name, wallMs: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  const sum = (pick: (t: StackTiming) => number) => perStack.reduce((total, t) => total + pick(t), 0);
  return { wallMs: sum((t) => t.wallMs), cpuMs: sum((t) => t.cpuMs), perStack };
}

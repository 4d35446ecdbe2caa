// The one walk over an environment's stacks that the tests (environment.ts runEnvironment), the
// benchmark and the offline plan (environmentPlan.ts, `npm run plan -- --env|--stack`) share. Each
// run and each decision is made once however many stacks ask for it: a stack's `up` (what its
// readers' StackReferences see: environment.ts says why a preview reads an `up`), its preview, and,
// against a base branch's plans, whether its inputs are the base's (then it is not run at all).
import type { StackSpec } from "../../lib/stacks/layout";
import type { PlanDocument } from "./document";
import { partStackConfig, stacksOf, withUpstreams } from "./environment";
import {
  configView,
  inputsDigest,
  outputDigests,
  readDigests,
  sameOutputs,
  stackInputs,
  type StackInputs,
} from "./inputsDigest";
import { type ProgramRun, type ProgramRunOptions, runProgram } from "./programRun";
import { PROJECT_ROOT, type StackConfig } from "../stackConfig";
import { type RunStack, serialized } from "./workerPool";

export const UNCHANGED = "inputs unchanged: config, sources and upstream outputs identical to base";

/** The reason a stack is skipped when an upstream changed, but none of the outputs this stack reads. */
export function readsUnchanged(upstreams: readonly string[]): string {
  return `inputs unchanged: config, sources and the outputs it reads identical to base (${upstreams.join(", ")} changed only outputs it does not read)`;
}

/** A stack's plan as the base branch wrote it, with what change detection compares. */
type BasePlan = PlanDocument & { inputs?: Partial<StackInputs>; outputDigests?: Record<string, string> };

export interface SchedulerOptions {
  /** Only these stacks and what they read (transitively); default every stack. */
  readonly only?: readonly string[];
  /** How a stack's program runs (default: in this process, one run at a time: the runtime is a singleton). */
  readonly runStack?: RunStack;
  /** The program's root (default the project's). */
  readonly root?: string;
  readonly live?: boolean;
  /** Run in this process, watched (programRun.ts). */
  readonly watched?: boolean;
  readonly downRegions?: readonly string[];
  /** The base branch's plan of a stack, if it has one: a stack whose inputs are the base's is not run. */
  readonly baseline?: (stack: string) => PlanDocument | undefined;
  /**
   * Keep each `up` run whole, for `run(name, false)`; by default only what readers see of it is kept
   * (`applied`), so that an environment's preview does not hold every upstream's registrations too.
   */
  readonly keepUpRuns?: boolean;
}

/** What a stack's readers see of its `up`, and what that `up` read. */
export type AppliedRun = Pick<ProgramRun, "wireOutputs" | "reads">;

/** The base's plan of a stack whose inputs are the base's, and why it is skipped. */
export interface Skip {
  readonly base: PlanDocument;
  readonly reason: string;
}

export interface EnvironmentScheduler {
  /** The stacks asked for and those they read, transitively, in layout order. */
  readonly specs: readonly StackSpec[];
  /** The names of the stacks others among `specs` read. */
  readonly read: ReadonlySet<string>;
  spec(name: string): StackSpec;
  configOf(spec: StackSpec): StackConfig;
  /**
   * The stack's preview (true) or `up` (false, with `keepUpRuns`), its StackReferences reading its
   * upstreams' `up`.
   */
  run(name: string, preview: boolean): Promise<ProgramRun>;
  /** What the stack's readers see of its `up` (its outputs), and what that `up` read. */
  applied(name: string): Promise<AppliedRun>;
  /** The stack's output digests as its readers see them: the base's when it is skipped, else its `up`'s. */
  outputDigestsOf(name: string): Promise<Record<string, string>>;
  /** Against a base: the base's plan when the stack's inputs are the base's (undefined: it must run). */
  skip(name: string): Promise<Skip | undefined>;
  /** The inputs a stack's runs had: the outputs they asked of each upstream, with their digests. */
  inputsOf(name: string, runs: readonly Pick<ProgramRun, "reads">[]): Promise<StackInputs>;
}

const memo = <T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> => {
  let found = cache.get(key);
  if (!found) cache.set(key, (found = make()));
  return found;
};

export function environmentScheduler(environment: StackConfig, options: SchedulerOptions = {}): EnvironmentScheduler {
  const all = stacksOf(environment);
  const specs = options.only ? withUpstreams(all, options.only) : all;
  const byName = new Map(specs.map((s) => [s.name, s]));
  const read = new Set(specs.flatMap((s) => s.reads));
  const runStack = options.runStack ?? serialized(runProgram);
  const root = options.root ?? PROJECT_ROOT;
  const spec = (name: string): StackSpec => {
    const found = byName.get(name);
    if (!found) throw new Error(`the environment has no stack ${name} among ${specs.map((s) => s.name).join(", ")}`);
    return found;
  };
  const configOf = (s: StackSpec) => partStackConfig(environment, s);

  const runs = new Map<string, Promise<ProgramRun>>();
  const appliedRuns = new Map<string, Promise<AppliedRun>>();
  const skips = new Map<string, Promise<Skip | undefined>>();
  const digests = new Map<string, Promise<Record<string, string>>>();

  const upstreamsOf = async (s: StackSpec) =>
    Object.fromEntries(await Promise.all(s.reads.map(async (name) => [name, (await applied(name)).wireOutputs])));
  const runOnce = async (name: string, preview: boolean): Promise<ProgramRun> => {
    const s = spec(name);
    const runOptions: ProgramRunOptions = {
      root,
      preview,
      live: options.live,
      watched: options.watched,
      downRegions: options.downRegions,
      upstreams: await upstreamsOf(s),
      // The run cache keys on what the stack's plan digest covers, not the whole environment.
      configView: configView(s, configOf(s).values),
    };
    return runStack(configOf(s), runOptions);
  };
  const run = (name: string, preview: boolean): Promise<ProgramRun> => {
    if (!preview && !options.keepUpRuns) throw new Error(`the ${name} up run is kept only with keepUpRuns`);
    return memo(runs, `${name}:${preview ? "preview" : "up"}`, () => runOnce(name, preview));
  };
  const applied = (name: string): Promise<AppliedRun> =>
    memo(appliedRuns, name, async () => {
      const { wireOutputs, reads } = options.keepUpRuns ? await run(name, false) : await runOnce(name, false);
      return { wireOutputs, reads };
    });

  const outputDigestsOf = (name: string) =>
    memo(digests, name, async () => {
      const skipped = await skip(name);
      return skipped ? (skipped.base as BasePlan).outputDigests! : outputDigests((await applied(name)).wireOutputs);
    });

  const inputsWith = async (s: StackSpec, asked: Readonly<Record<string, readonly string[]>>) =>
    stackInputs(
      s,
      configOf(s).values,
      root,
      Object.fromEntries(
        await Promise.all(
          s.reads.map(async (r) => [r, readDigests(await outputDigestsOf(r), asked[r] ?? [])] as const),
        ),
      ),
    );

  const skip = (name: string) =>
    memo(skips, name, async (): Promise<Skip | undefined> => {
      const base = options.baseline?.(name) as BasePlan | undefined;
      const recorded = base?.inputs;
      if (!base || typeof recorded?.config !== "string") return undefined;
      // Its readers need the digest of each output it has: a base plan without them cannot stand in.
      if (read.has(name) && typeof base.outputDigests !== "object") return undefined;
      const s = spec(name);
      // The base's runs asked these outputs; a base recorded before reads were cannot say.
      const asked: Record<string, string[]> = {};
      for (const r of s.reads) {
        const outputs = recorded.upstreams?.[r];
        if (typeof outputs !== "object" || outputs === null) return undefined;
        asked[r] = Object.keys(outputs);
      }
      const head = stackInputs(s, configOf(s).values, root, {});
      if (head.config !== recorded.config || head.sources !== recorded.sources) return undefined;
      if (inputsDigest(await inputsWith(s, asked)) !== base.inputsDigest) return undefined;
      const changedUpstreams: string[] = [];
      for (const r of s.reads) {
        const before = (options.baseline?.(r) as BasePlan | undefined)?.outputDigests;
        if (!before || !sameOutputs(before, await outputDigestsOf(r))) changedUpstreams.push(r);
      }
      return { base, reason: changedUpstreams.length > 0 ? readsUnchanged(changedUpstreams) : UNCHANGED };
    });

  const inputsOf = (name: string, made: readonly Pick<ProgramRun, "reads">[]) => {
    const asked: Record<string, string[]> = {};
    made.forEach((m) =>
      Object.entries(m.reads).forEach(
        ([r, names]) => (asked[r] = [...new Set([...(asked[r] ?? []), ...names])].sort()),
      ),
    );
    return inputsWith(spec(name), asked);
  };

  return { specs, read, spec, configOf, run, applied, outputDigestsOf, skip, inputsOf };
}

export interface StackRun extends ProgramRun {
  readonly spec: StackSpec;
  readonly config: StackConfig;
}

export interface EnvironmentRunOptions extends Omit<SchedulerOptions, "baseline"> {
  /** true mirrors `pulumi preview` (computed values unknown); false mirrors `pulumi up`. */
  readonly preview: boolean;
}

/**
 * Every stack's run (preview or `up`), keyed by stack name in layout order: the scheduler's walk with
 * no base, so the tests and the benchmark run each stack as the offline plan does.
 */
export async function runEnvironment(
  environment: StackConfig,
  options: EnvironmentRunOptions,
): Promise<Record<string, StackRun>> {
  const scheduler = environmentScheduler(environment, { ...options, keepUpRuns: !options.preview });
  const runs = await Promise.all(
    scheduler.specs.map(async (spec): Promise<StackRun> => ({
      ...(await scheduler.run(spec.name, options.preview)),
      spec,
      config: scheduler.configOf(spec),
    })),
  );
  return Object.fromEntries(runs.map((r) => [r.spec.name, r]));
}

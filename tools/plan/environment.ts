// Runs every stack of an environment under the mocks in deploy order, each StackReference resolved
// from the state the stack it names has once its plan is applied: CI deploys in dependency order, so a
// real preview of a stack reads its upstreams' state after their `up`, where ids are known (the
// runtime treats an output holding any unknown as wholly unknown, so preview outputs would hide all).
// In a preview run, a stack that others read is therefore also run as `up` for its outputs.
import { CONFIG_NAMESPACE, validateConfig } from "../../config";
import { STACK_KEYS } from "../../config/environment";
import { deployLevels, environmentStacks, partName, type StackSpec } from "../../lib/stacks/layout";
import { type StackConfig, rawProjectConfig } from "../stackConfig";
import { type ProgramRun, type ProgramRunOptions, runProgram } from "./programRun";

/** Engine keys every stack of the environment carries in its own file (the part files copy them). */
export const PER_STACK_ENGINE_KEYS = ["pulumi:disable-default-providers"];

/** The config a part stack's program builds from: the environment's project keys, the engine keys, the part. */
export function partStackConfig(environment: StackConfig, spec: StackSpec): StackConfig {
  if (spec.part.kind === "shared") return { ...environment, stack: spec.name };
  const values: Record<string, string> = {};
  Object.entries(environment.values).forEach(([key, value]) => {
    if (key.startsWith(`${CONFIG_NAMESPACE}:`) || PER_STACK_ENGINE_KEYS.includes(key)) values[key] = value;
  });
  values[`${CONFIG_NAMESPACE}:${STACK_KEYS.part}`] = partName(spec.part);
  return { stack: spec.name, values, secretKeys: environment.secretKeys.filter((k) => k in values) };
}

/** The environment's stacks (lib/stacks/layout.ts) for its own stack's config. */
export function stacksOf(environment: StackConfig): StackSpec[] {
  return environmentStacks(environment.stack, validateConfig(rawProjectConfig(environment.values)));
}

export interface StackRun extends ProgramRun {
  readonly spec: StackSpec;
  readonly config: StackConfig;
}

export interface EnvironmentRunOptions extends Omit<ProgramRunOptions, "upstreams"> {
  /** Only these stacks and what they read (transitively); default every stack. */
  readonly only?: readonly string[];
  /** Runs one stack (default: in this process); the CLI passes worker processes. */
  readonly runStack?: (config: StackConfig, options: ProgramRunOptions) => Promise<ProgramRun>;
}

/** The stacks `names` need, with what they read, transitively, in layout order. */
export function withUpstreams(specs: readonly StackSpec[], names: readonly string[]): StackSpec[] {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const needed = new Set<string>();
  const visit = (name: string) => {
    const spec = byName.get(name);
    if (!spec) throw new Error(`the environment has no stack ${name}; it has ${specs.map((s) => s.name).join(", ")}`);
    if (needed.has(name)) return;
    needed.add(name);
    spec.reads.forEach(visit);
  };
  names.forEach(visit);
  return specs.filter((s) => needed.has(s.name));
}

/**
 * Every stack's run, keyed by stack name. Stacks of one dependency level run concurrently (worker
 * processes when `runStack` gives them; in one process the runtime is a singleton, so they queue).
 */
export async function runEnvironment(
  environment: StackConfig,
  options: EnvironmentRunOptions,
): Promise<Record<string, StackRun>> {
  const specs = options.only ? withUpstreams(stacksOf(environment), options.only) : stacksOf(environment);
  const runs: Record<string, StackRun> = {};
  const runOne = options.runStack ?? runProgram;
  const { only: _only, runStack: _runStack, ...programOptions } = options;
  const read = new Set(specs.flatMap((s) => s.reads));
  const applied: Record<string, Record<string, unknown>> = {};
  for (const level of deployLevels(specs)) {
    const inOrder = async (spec: StackSpec): Promise<StackRun> => {
      const config = partStackConfig(environment, spec);
      const upstreams = Object.fromEntries(spec.reads.map((name) => [name, applied[name]]));
      const applies = programOptions.preview && read.has(spec.name);
      const both = () =>
        Promise.all([
          runOne(config, { ...programOptions, upstreams }),
          applies ? runOne(config, { ...programOptions, preview: false, upstreams }) : undefined,
        ]);
      // In one process the runtime is a singleton: its runs queue.
      const [run, up] = options.runStack
        ? await both()
        : [
            await runOne(config, { ...programOptions, upstreams }),
            applies ? await runOne(config, { ...programOptions, preview: false, upstreams }) : undefined,
          ];
      applied[spec.name] = (up ?? run).wireOutputs;
      return { ...run, spec, config };
    };
    const done = options.runStack
      ? await Promise.all(level.map(inOrder))
      : await level.reduce<Promise<StackRun[]>>(async (acc, spec) => [...(await acc), await inOrder(spec)], Promise.resolve([]));
    done.forEach((run) => (runs[run.spec.name] = run));
  }
  return runs;
}

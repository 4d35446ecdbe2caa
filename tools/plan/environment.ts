// An environment's stacks and each one's config. They run (scheduler.ts) in deploy order, each
// StackReference resolved from the state the stack it names has once its plan is applied: CI deploys
// in dependency order, so a real preview of a stack reads its upstreams' state after their `up`, where
// ids are known (the runtime treats an output holding any unknown as wholly unknown, so preview
// outputs would hide all). In a preview run, a stack that others read is therefore also run as `up`
// for its outputs.
import { CONFIG_NAMESPACE, validateConfig } from "../../config";
import { STACK_KEYS } from "../../config/environment";
import { environmentStacks, partName, type StackSpec } from "../../lib/stacks/layout";
import { type StackConfig, rawProjectConfig } from "../stackConfig";

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

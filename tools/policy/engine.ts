// Evaluates the policy pack's rules on a plan the way the Pulumi engine runs a policy pack: resource
// policies once per registration, stack policies once with parents and (property) dependencies
// resolved to resources, unknown values throwing as in a preview, config defaults from each rule's
// schema, enforcement levels from the pack config. No PolicyPack is built, so no server starts.
import type {
  EnforcementLevel,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
} from "../../policies/lib/types";
import { deepFreeze } from "../../lib/deepFreeze";
import { isStackRule, Rule } from "../../policies/lib/rule";
import { useCloudflareRanges } from "../../policies/lib/cloudflare";
import { RULES } from "../../policies/rules";
import { CLOUDFLARE_IPV4, CLOUDFLARE_IPV6 } from "../mocks/invokes";
import { PlanResource } from "../plan/capture";
import { PolicyConfigFile, resolveRuleConfig } from "./policyConfig";
import { UnknownValueError, unknownCheckingProxy } from "./proxy";

export interface PolicyViolation {
  readonly policy: string;
  readonly enforcementLevel: EnforcementLevel;
  /** The resource at fault; empty when a stack policy reports without one. */
  readonly urn: string;
  readonly message: string;
}

export interface EvaluateOptions {
  readonly rules?: readonly Rule[];
  /** Pack config as `pulumi preview --policy-pack-config` takes it. */
  readonly config?: PolicyConfigFile;
  /** The pack's default level (policies/index.ts: mandatory). */
  readonly packEnforcementLevel?: EnforcementLevel;
}

// Offline there is no Cloudflare API: the pack reads the ranges the mocks hand the program's
// getIpRanges, as a real preview's pack reads the ranges Cloudflare hands the program.
useCloudflareRanges(async () => [...CLOUDFLARE_IPV4, ...CLOUDFLARE_IPV6]);

class NotApplicableError extends Error {}

/** Plans carry no stack tags: every policy gets the same empty map. */
const NO_STACK_TAGS: ReadonlyMap<string, string> = new Map();

function notApplicable(reason?: string): never {
  throw new NotApplicableError(reason ?? "not applicable");
}

type ResourceClass = { __pulumiType?: string; isInstance?: (o: unknown) => boolean };

function isTypeOf(type: string, resourceClass: unknown): boolean {
  const cls = resourceClass as ResourceClass;
  if (cls.__pulumiType) return cls.__pulumiType === type;
  return typeof cls.isInstance === "function" && cls.isInstance({ __pulumiType: type }) === true;
}

function optionsOf(r: PlanResource): PolicyResourceOptions {
  return {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(r.parent ? { parent: r.parent } : {}),
  };
}

export function byViolationOrder(a: PolicyViolation, b: PolicyViolation): number {
  return a.policy.localeCompare(b.policy) || a.urn.localeCompare(b.urn) || a.message.localeCompare(b.message);
}

/** Runs every rule on the plan's resources and returns the violations, sorted by policy, urn, message. */
export async function evaluatePolicies(
  resources: readonly PlanResource[],
  options: EvaluateOptions = {},
): Promise<PolicyViolation[]> {
  const rules = options.rules ?? RULES;
  const config = options.config ?? {};
  const { propsOf, providerOf } = readersOf(resources);
  const viewOf = memoize((r: PlanResource) => resourceView(r, propsOf, providerOf));
  let stackView: PolicyResource[] | undefined;
  const violations: PolicyViolation[] = [];

  for (const rule of rules) {
    const { enforcementLevel: level, values } = resolveRuleConfig(
      rule,
      config,
      options.packEnforcementLevel ?? "advisory",
    );
    if (level === "disabled") continue;
    // As in the engine: a violation of a remediate policy that still fails is reported as mandatory.
    const enforcementLevel: EnforcementLevel = level === "remediate" ? "mandatory" : level;
    // One copy per rule, frozen: rules read their config for every resource, and a copy per read was
    // a tenth of an evaluation. Like the props, it is read-only to policies.
    const ruleConfig = deepFreeze(structuredClone(values));
    const getConfig = <T extends object>() => ruleConfig as T;
    const report = (urn: string) => (message: string, reportedUrn?: string) =>
      violations.push({ policy: rule.name, enforcementLevel, urn: reportedUrn ?? urn, message });
    const settle = (urn: string, err: unknown) => {
      if (err instanceof NotApplicableError) return;
      if (err instanceof UnknownValueError) {
        // The engine cannot judge what it cannot see: an advisory note, never a failure.
        violations.push({
          policy: rule.name,
          enforcementLevel: "advisory",
          urn,
          message: `can't run policy '${rule.name}' during preview: ${err.message}`,
        });
        return;
      }
      throw new Error(`error validating ${urn || "the stack"} with policy '${rule.name}': ${(err as Error).message}`, {
        cause: err,
      });
    };
    // Rules are synchronous but may return a promise (the engine awaits them): only a promise is
    // awaited, so a plan of thousands of resources does not wait a microtask per resource and rule.
    const run = (urn: string, body: () => unknown): Promise<void> | undefined => {
      try {
        const result = body();
        if (result instanceof Promise)
          return result.then(
            () => undefined,
            (err: unknown) => settle(urn, err),
          );
      } catch (err) {
        settle(urn, err);
      }
      return undefined;
    };

    if (isStackRule(rule)) {
      stackView ??= toPolicyResources(resources, propsOf, providerOf);
      const args: StackValidationArgs = { resources: stackView, stackTags: NO_STACK_TAGS, getConfig, notApplicable };
      await run("", () => rule.validateStack(args, report("")));
      continue;
    }
    const validations = ([] as NonNullable<ResourceValidationPolicy["validateResource"]>[])
      .concat(rule.validateResource ?? [])
      .flat();
    for (const r of resources) {
      const view = viewOf(r);
      for (const validate of validations) {
        // Built field by field: an object spread per resource and rule dominated the evaluation's cost.
        const { type, props, urn, name, opts, provider, isType } = view;
        const asType = view.asType as ResourceValidationArgs["asType"];
        const args: ResourceValidationArgs = {
          type,
          props,
          urn,
          name,
          opts,
          provider,
          isType,
          asType,
          stackTags: NO_STACK_TAGS,
          getConfig,
          notApplicable,
        };
        const pending = run(r.urn, () => validate(args, report(r.urn)));
        if (pending) await pending;
      }
    }
  }
  return violations.sort(byViolationOrder);
}

/** The stack policies' view of a plan's resources, for tools that reuse the pack's analyses (the reachability figure). */
export function policyResourcesOf(resources: readonly PlanResource[]): PolicyResource[] {
  const { propsOf, providerOf } = readersOf(resources);
  return toPolicyResources(resources, propsOf, providerOf);
}

/** Guarded props and provider views, one per resource for one evaluation. */
function readersOf(resources: readonly PlanResource[]) {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  // Rules only read what they are given (the proxy refuses writes), so they read the plan's own inputs.
  // One proxy per plan object for this evaluation (plan inputs are trees: one object, one path).
  const proxies = new WeakMap<object, object>();
  const propsOf = memoize((r: PlanResource) => unknownCheckingProxy(r.inputs, [], proxies) as Record<string, any>);
  const providerOf = memoize((r: PlanResource): PolicyResource["provider"] => {
    const p = r.provider ? byUrn.get(r.provider) : undefined;
    return p ? { type: p.type, props: propsOf(p), urn: p.urn, name: p.name } : undefined;
  });
  return { propsOf, providerOf };
}

/** Caches a function of a plan resource by URN, for one evaluation. */
function memoize<T>(compute: (r: PlanResource) => T): (r: PlanResource) => T {
  const cache = new Map<string, T>();
  return (r) => {
    if (!cache.has(r.urn)) cache.set(r.urn, compute(r));
    return cache.get(r.urn)!;
  };
}

/** What every policy sees of one resource: type, name, guarded props, options, provider, type tests. */
function resourceView(
  r: PlanResource,
  propsOf: (r: PlanResource) => Record<string, any>,
  providerOf: (r: PlanResource) => PolicyResource["provider"],
): Omit<PolicyResource, "dependencies" | "propertyDependencies" | "asType"> & {
  asType: (cls: unknown) => Record<string, any> | undefined;
} {
  const props = propsOf(r);
  const provider = providerOf(r);
  return {
    type: r.type,
    props,
    urn: r.urn,
    name: r.name,
    opts: optionsOf(r),
    ...(provider ? { provider } : {}),
    isType: (cls) => isTypeOf(r.type, cls),
    asType: (cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined),
  };
}

/** The stack policy's view: every resource, with parent and dependencies as resource objects. */
function toPolicyResources(
  resources: readonly PlanResource[],
  propsOf: (r: PlanResource) => Record<string, any>,
  providerOf: (r: PlanResource) => PolicyResource["provider"],
): PolicyResource[] {
  const views: PolicyResource[] = resources.map((r) => {
    const view = resourceView(r, propsOf, providerOf);
    return { ...view, asType: view.asType as PolicyResource["asType"], dependencies: [], propertyDependencies: {} };
  });
  const byUrn = new Map(views.map((v) => [v.urn, v]));
  const resolve = (urns: readonly string[]) =>
    urns.map((u) => byUrn.get(u)).filter((v): v is PolicyResource => v !== undefined);
  resources.forEach((r, i) => {
    const view = views[i];
    if (r.parent && byUrn.has(r.parent)) view.parent = byUrn.get(r.parent);
    view.dependencies = resolve(r.dependencies ?? []);
    view.propertyDependencies = Object.fromEntries(
      Object.entries(r.propertyDependencies ?? {}).map(([k, urns]) => [k, resolve(urns)]),
    );
  });
  return views;
}

export function mandatoryViolations(violations: readonly PolicyViolation[]): PolicyViolation[] {
  return violations.filter((v) => v.enforcementLevel === "mandatory");
}

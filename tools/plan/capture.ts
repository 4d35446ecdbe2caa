// Runs a Pulumi program under the provider mocks and records every registration the way the engine
// receives it: URN, parent, dependencies, property dependencies and inputs (secrets and unknowns marked).
import * as pulumi from "@pulumi/pulumi";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import { ProviderMocks } from "../mocks";
import { useLazyOutputs } from "./lazyOutputs";
import { usePlainStructs } from "./plainStructs";
import { SIG, SIG_KEY, UNKNOWN_SENTINEL } from "../mocks/wire";
import {
  attachEngineBehaviour,
  autoNameFor,
  disabledDefaultProviders,
  type MockMonitorInternals,
} from "../mocks/engine";

// Internal runtime entry points: the stack root (as `pulumi` runs programs) and the RPC drain, which
// the runtime exports but its typings do not declare.
const runtimeSettings = settings as typeof settings & { waitForRPCs(): Promise<void> };

type Callback<T> = (err: unknown, response: T) => void;
/** The two monitor calls a run watches (the typings declare grpc overloads; mocks take these). */
interface WatchedMonitor extends MockMonitorInternals {
  registerResource(
    req: resproto.RegisterResourceRequest,
    callback: Callback<resproto.RegisterResourceResponse>,
  ): unknown;
  registerResourceOutputs(req: resproto.RegisterResourceOutputsRequest, callback: Callback<unknown>): unknown;
}

/**
 * Every Resource constructor records its call site for the engine's diagnostics: the runtime's
 * private `Resource.callsites` raises Error.stackTraceLimit to Infinity and formats the whole stack
 * (under ts-node, each frame through source maps), whatever limit the run sets. Mocks discard call
 * sites, so while a run lasts the runtime finds none; the plan is the same without them. No runtime
 * setting turns this off; test/plan/runtimeInternals.test.ts fails if an upgrade moves it.
 */
export const RESOURCE_CALLSITES = pulumi.Resource as unknown as { callsites(): unknown[] };

/**
 * The runtime wraps each of its promises (four per output property of every resource, whether the
 * program reads it or not) in `debuggablePromise`: three properties defined on the promise, an Error
 * for its stack, a place in the leak detector's set and two more promises chained on it. That is
 * about a quarter of a plan's CPU and much of its garbage; the leak report it feeds is printed by the
 * real CLI, and the mocks have nothing to leak. While a run lasts the runtime's promises go
 * unwrapped (the plan is byte-identical); the runtime calls it through its module's exports, which
 * test/plan/runtimeInternals.test.ts checks so that an upgrade that moves it fails a test.
 */
export const RUNTIME_DEBUGGABLE = debuggable as { debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T> };

/**
 * A StackReference's reads: `getOutput` and `requireOutput` (getOutputDetails, getOutputValue and
 * requireOutputValue go through them). While a run lasts they are wrapped to record the output names
 * asked, per referenced stack: the reader's plan depends on those outputs only (inputsDigest.ts).
 * test/plan/runtimeInternals.test.ts fails if an upgrade routes a read around them.
 */
export const STACK_REFERENCE_READS = pulumi.StackReference.prototype as unknown as {
  getOutput(this: pulumi.StackReference, name: pulumi.Input<string>): pulumi.Output<unknown>;
  requireOutput(this: pulumi.StackReference, name: pulumi.Input<string>): pulumi.Output<unknown>;
};

/** An output name asked through a non-string Input (not known when asked): the reader depends on every output. */
export const EVERY_OUTPUT = "*";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const SECRET = "[secret]";
export const UNKNOWN = "[unknown]";

export interface PlanResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent: string | null;
  readonly dependencies: string[];
  readonly propertyDependencies: Record<string, string[]>;
  readonly inputs: { [key: string]: Json };
  /** URN of the explicit provider, when one was given. */
  readonly provider: string | null;
  readonly custom: boolean;
}

export interface Captured {
  readonly resources: PlanResource[];
  readonly outputs: { [key: string]: Json };
  /**
   * The stack outputs in the engine's wire format (secret values kept, marked): what a StackReference
   * to this stack reads. Never written to a plan file.
   */
  readonly wireOutputs: Record<string, unknown>;
  /** The outputs the run asked of each stack it read (sorted names; EVERY_OUTPUT when it could not tell). */
  readonly reads: Readonly<Record<string, readonly string[]>>;
}

export interface RunOptions {
  readonly project: string;
  readonly stack: string;
  /** Flat config map as the engine passes it: `namespace:key` -> string (objects as JSON text). */
  readonly config: Record<string, string>;
  readonly secretKeys?: string[];
  /** true mirrors `pulumi preview` (computed values unknown); false mirrors `pulumi up`. */
  readonly preview: boolean;
  /** The program: loads index.ts (or any program) and returns its exports; an exported function is
   * called and awaited, as the Pulumi runtime does. */
  readonly program: () => unknown;
  /** Keep stack traces while the program runs (slow: for debugging a failing program). Default false. */
  readonly stackTraces?: boolean;
  /** Registrations through protobuf Structs, as the runtime makes them (plainStructs.ts): for the test that compares. */
  readonly protobufStructs?: boolean;
  /** Every output property made at construction, as the runtime does (lazyOutputs.ts): for the test that compares. */
  readonly eagerOutputs?: boolean;
  /** The environment's other stacks' outputs (wire format), for StackReferences (tools/mocks). */
  readonly stackOutputs?: (stack: string) => Record<string, unknown> | undefined;
  /** Regions whose APIs refuse every call. */
  readonly downRegions?: readonly string[];
}

/** Wire value -> plan JSON: secrets become "[secret]", unknowns "[unknown]", resource references their URN. */
export function toPlanJson(value: unknown): Json {
  if (value === UNKNOWN_SENTINEL) return UNKNOWN;
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toPlanJson);
  if (typeof value === "object") {
    const obj = value as Record<string, unknown>;
    switch (obj[SIG_KEY]) {
      case SIG.secret:
        return SECRET;
      case SIG.resource:
        return String(obj.urn);
      case SIG.output:
        if (obj.secret) return SECRET;
        return "value" in obj ? toPlanJson(obj.value) : UNKNOWN;
      case SIG.asset:
      case SIG.archive:
        return `[asset ${String(obj.path ?? obj.uri ?? "inline")}]`;
    }
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, toPlanJson(obj[k])]),
    );
  }
  return value as Json;
}

/** The inputs as the provider receives them: with the auto-name the engine adds (engine.ts), keys sorted. */
function withAutoName(req: any, urn: string, inputs: { [key: string]: Json }): { [key: string]: Json } {
  if (!req.getCustom()) return inputs;
  const all: { [key: string]: Json } = { ...inputs, ...autoNameFor(req.getType(), req.getName(), urn, inputs) };
  return Object.fromEntries(
    Object.keys(all)
      .sort()
      .map((k) => [k, all[k]]),
  );
}

function sortedUnique(urns: string[]): string[] {
  return [...new Set(urns.filter((u) => u))].sort();
}

/** Runs the program under mocks and returns what it registered, sorted by URN. */
export async function runUnderMocks(options: RunOptions): Promise<Captured> {
  const mocks = new ProviderMocks({
    preview: options.preview,
    disabledDefaultProviders: disabledDefaultProviders(options.config),
    stackOutputs: options.stackOutputs,
    downRegions: options.downRegions,
  });
  // The DIY backends name their one organization "organization"; StackReferences qualify names with it.
  await pulumi.runtime.setMocks(mocks, options.project, options.stack, options.preview, "organization");
  pulumi.runtime.setAllConfig(options.config, options.secretKeys);

  const resources: PlanResource[] = [];
  const registrationFailures: Error[] = [];
  let stackOutputs: unknown = {};
  const monitor = settings.getMonitor() as unknown as WatchedMonitor;
  attachEngineBehaviour(monitor, options.stack, options.project, (urn) => mocks.registering(urn));
  const registerResource = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) =>
    registerResource(req, (err, resp) => {
      if (err)
        registrationFailures.push(
          new Error(
            `failed to register new resource ${req.getName()} [${req.getType()}]: ${(err as { details?: string }).details ?? String(err)}`,
          ),
        );
      if (!err) {
        const propDeps: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps, key) => {
          propDeps[key] = sortedUnique(deps.getUrnsList());
        });
        resources.push({
          urn: resp.getUrn(),
          type: req.getType(),
          name: req.getName(),
          parent: req.getParent() || null,
          dependencies: sortedUnique(req.getDependenciesList()),
          propertyDependencies: Object.fromEntries(
            Object.entries(propDeps)
              .filter(([, v]) => v.length > 0)
              .sort(),
          ),
          inputs: withAutoName(
            req,
            resp.getUrn(),
            toPlanJson(req.getObject()?.toJavaScript() ?? {}) as { [key: string]: Json },
          ),
          provider: req.getProvider() ? req.getProvider().split("::").slice(0, -1).join("::") : null,
          custom: req.getCustom(),
        });
      }
      callback(err, resp);
    });
  const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, callback) => {
    if (req.getUrn().includes("::pulumi:pulumi:Stack::")) stackOutputs = req.getOutputs()?.toJavaScript() ?? {};
    return registerResourceOutputs(req, callback);
  };

  // The runtime reports failures inside outputs as unhandled rejections (one per facet of an
  // output); collect them as the program's errors, and keep listening until they have all arrived.
  const failures: unknown[] = [];
  const onRejection = (reason: unknown) => failures.push(reason);
  process.on("unhandledRejection", onRejection);
  // The runtime formats a stack trace for every promise and resource, for the engine's diagnostics;
  // mocks discard them, and under source maps they are most of the run's cost. Errors keep their
  // messages; the limit is restored when the run ends.
  const stackTraceLimit = Error.stackTraceLimit;
  const callsites = RESOURCE_CALLSITES.callsites;
  const debuggablePromise = RUNTIME_DEBUGGABLE.debuggablePromise;
  if (!options.stackTraces) {
    Error.stackTraceLimit = 0;
    RESOURCE_CALLSITES.callsites = () => [];
    RUNTIME_DEBUGGABLE.debuggablePromise = (promise) => promise;
  }
  const restoreStructs = options.protobufStructs ? () => undefined : usePlainStructs();
  const restoreOutputs = options.eagerOutputs ? () => undefined : useLazyOutputs();
  const asked: { reference: pulumi.StackReference; name: string }[] = [];
  const { getOutput, requireOutput } = STACK_REFERENCE_READS;
  STACK_REFERENCE_READS.getOutput = function (name) {
    asked.push({ reference: this, name: typeof name === "string" ? name : EVERY_OUTPUT });
    return getOutput.call(this, name);
  };
  STACK_REFERENCE_READS.requireOutput = function (name) {
    asked.push({ reference: this, name: typeof name === "string" ? name : EVERY_OUTPUT });
    return requireOutput.call(this, name);
  };
  let programError: unknown;
  try {
    await runInPulumiStack(async () => {
      const exported = options.program();
      return exported instanceof Function ? exported() : exported;
    });
  } catch (err) {
    programError = err;
  }
  try {
    await runtimeSettings.waitForRPCs();
  } catch (err) {
    programError ??= err;
  }
  for (let tick = 0; tick < 3; tick++) await new Promise((resolve) => setImmediate(resolve));
  process.off("unhandledRejection", onRejection);
  Error.stackTraceLimit = stackTraceLimit;
  RESOURCE_CALLSITES.callsites = callsites;
  RUNTIME_DEBUGGABLE.debuggablePromise = debuggablePromise;
  restoreStructs();
  restoreOutputs();
  STACK_REFERENCE_READS.getOutput = getOutput;
  STACK_REFERENCE_READS.requireOutput = requireOutput;
  if (programError !== undefined || failures.length > 0 || registrationFailures.length > 0)
    throw programError ?? registrationFailures[0] ?? failures[0];
  return {
    resources: resources.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0)),
    outputs: toPlanJson(stackOutputs) as { [key: string]: Json },
    wireOutputs: (stackOutputs ?? {}) as Record<string, unknown>,
    reads: readsByStack(asked, mocks),
  };
}

/** The names asked of each referenced stack, sorted and once each. */
function readsByStack(
  asked: readonly { reference: pulumi.StackReference; name: string }[],
  mocks: ProviderMocks,
): Record<string, string[]> {
  const byStack = new Map<string, Set<string>>();
  asked.forEach(({ reference, name }) => {
    const logical = pulumi.resourceName(reference);
    const stack = mocks.referencedStacks.get(logical);
    // A reference the mocks never answered failed the run already.
    if (stack === undefined) throw new Error(`the StackReference ${logical} was read but never registered`);
    byStack.set(stack, (byStack.get(stack) ?? new Set()).add(name));
  });
  return Object.fromEntries(
    [...byStack.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([stack, names]) => [stack, [...names].sort()]),
  );
}

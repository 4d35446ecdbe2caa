// The engine's view of plan values: "[unknown]" becomes a value that throws UnknownValueError when a
// policy reads it (as @pulumi/policy's unknownCheckingProxy does during `pulumi preview`).
import { UNKNOWN } from "../plan/capture";

/** Same class name as @pulumi/policy's, which rules recognise (policies/lib/values.ts). */
export class UnknownValueError extends Error {
  readonly path: string[];
  constructor(path: string[]) {
    // Rules meet unknowns often and settle them (values.ts `known`): nobody reads the stack, and
    // capturing one per unknown read was a fifth of an evaluation's cost.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`value at .${path.join(".")} can't be known during preview`);
    Error.stackTraceLimit = stackTraceLimit;
    this.path = path;
  }
}

/** A policy that writes to what it validates (the engine's values are read-only to policies). */
function readOnly(path: string[]): never {
  throw new TypeError(`policies only read resource properties; one tried to change .${path.join(".")}`);
}

/**
 * Wraps plan inputs so that touching an unknown value throws, at any depth, and writing throws.
 * Each object gets one proxy per `proxies` cache (the engine keeps one per evaluation), made the first
 * time a rule reads it: 38 rules read the same tags of the same resources, and a proxy per read was
 * most of an evaluation. A new evaluation gets new proxies, so what rules remember of one (policies/lib
 * caches tags by props object) never outlives a plan changed in between.
 */
export function unknownCheckingProxy<T>(value: T, path: string[] = [], proxies = new WeakMap<object, object>()): T {
  // typeof, not instanceof Object: structuredClone builds objects of the main realm, which jest's
  // per-test realm does not recognise as Objects.
  if (typeof value !== "object" || value === null) return value;
  const target = value as unknown as object;
  const known = proxies.get(target);
  if (known) return known as T;
  const proxy = new Proxy(target, {
    get: (target, prop) => {
      const field = (target as Record<string | symbol, unknown>)[prop];
      if (typeof prop === "symbol") return field;
      if (field === UNKNOWN) throw new UnknownValueError([...path, prop]);
      if (typeof field !== "object" || field === null) return field;
      // Keep the Proxy invariant for non-configurable, non-writable data properties.
      const desc = Object.getOwnPropertyDescriptor(target, prop);
      if (desc && "value" in desc && desc.configurable === false && desc.writable === false) return field;
      return unknownCheckingProxy(field, [...path, prop], proxies);
    },
    // Writes are refused, so policies read the plan itself rather than a copy of it.
    set: (_target, prop) => readOnly([...path, String(prop)]),
    deleteProperty: (_target, prop) => readOnly([...path, String(prop)]),
    defineProperty: (_target, prop) => readOnly([...path, String(prop)]),
  });
  proxies.set(target, proxy);
  return proxy as T;
}

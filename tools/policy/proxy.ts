// The engine's view of plan values: "[unknown]" becomes a value that throws UnknownValueError when a
// policy reads it (as @pulumi/policy's unknownCheckingProxy does during `pulumi preview`).
import { UNKNOWN } from "../plan/capture";

/** Same class name as @pulumi/policy's, which rules recognise (policies/lib/values.ts). */
export class UnknownValueError extends Error {
  constructor(readonly path: string[]) {
    super(`value at .${path.join(".")} can't be known during preview`);
  }
}

/** A policy that writes to what it validates (the engine's values are read-only to policies). */
function readOnly(path: string[]): never {
  throw new TypeError(`policies only read resource properties; one tried to change .${path.join(".")}`);
}

/** Wraps plan inputs so that touching an unknown value throws, at any depth, and writing throws. */
export function unknownCheckingProxy<T>(value: T, path: string[] = []): T {
  // typeof, not instanceof Object: structuredClone builds objects of the main realm, which jest's
  // per-test realm does not recognise as Objects.
  if (typeof value !== "object" || value === null) return value;
  return new Proxy(value as unknown as object, {
    get: (target, prop) => {
      const field = (target as Record<string | symbol, unknown>)[prop];
      if (typeof prop === "symbol") return field;
      const fieldPath = [...path, prop];
      if (field === UNKNOWN) throw new UnknownValueError(fieldPath);
      // Keep the Proxy invariant for non-configurable, non-writable data properties.
      const desc = Object.getOwnPropertyDescriptor(target, prop);
      if (desc && "value" in desc && desc.configurable === false && desc.writable === false) return field;
      return unknownCheckingProxy(field, fieldPath);
    },
    // Writes are refused, so policies read the plan itself rather than a copy of it.
    set: (_target, prop) => readOnly([...path, String(prop)]),
    deleteProperty: (_target, prop) => readOnly([...path, String(prop)]),
    defineProperty: (_target, prop) => readOnly([...path, String(prop)]),
  }) as T;
}

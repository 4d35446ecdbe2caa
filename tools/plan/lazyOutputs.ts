// A custom resource's output properties, made when the program first reads them. The runtime's
// `transferProperties` gives every resource, as it is constructed, one Output per property its type
// declares (an AWS resource declares 10 to 80), each of four promises plus the dozen the Output's
// constructor chains on them, and a label per property that formats the input's value; the program
// reads a few of them (an id, an ARN, an address). While a run lasts, each property is instead a getter
// that makes the runtime's Output on first read, from the value the registration resolved if it has
// come back already, or pending until it does; a property nobody reads costs a closure. A failed
// registration makes and rejects every Output at once, as the runtime does, so its errors still reach
// the run (capture.ts). An Output made after its value came back settles a few microtasks later than
// the runtime's would have (nothing orders callbacks across outputs). The plans are byte-identical:
// test/plan/runtimeInternals.test.ts compares a run with and without it and fails if an upgrade stops
// the runtime from calling this export.
import { Output } from "@pulumi/pulumi/output";
import * as rpc from "@pulumi/pulumi/runtime/rpc";

type Resolver = (value: unknown, isKnown: boolean, isSecret: boolean, deps?: unknown[], err?: Error) => void;

/** The runtime's module, as resource.js calls it (through its exports, so a replacement takes effect). */
export const RUNTIME_RPC = rpc as unknown as {
  transferProperties(onto: object, label: string, props: Record<string, unknown>): Record<string, Resolver>;
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isGrpcError } = require("@pulumi/pulumi/errors") as { isGrpcError(err: unknown): boolean };

type OutputConstructor = new (
  resources: unknown,
  promise: Promise<unknown>,
  isKnown: Promise<boolean>,
  isSecret: Promise<boolean>,
  allResources: Promise<unknown[]>,
) => unknown;
const OUTPUT = Output as unknown as OutputConstructor;

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(err: Error): void;
}

/** Promise.withResolvers, which node 20 does not have. */
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

interface Settled {
  readonly value: unknown;
  readonly isKnown: boolean;
  readonly isSecret: boolean;
  readonly deps: unknown[];
}

/** `transferProperties` with each Output made on first read (the runtime's checks and order kept). */
function lazyTransferProperties(onto: object, label: string, props: Record<string, unknown>): Record<string, Resolver> {
  const resolvers: Record<string, Resolver> = {};
  for (const key of Object.keys(props)) {
    if (key === "id" || key === "urn") continue;
    if (Object.prototype.hasOwnProperty.call(onto, key)) {
      throw new Error(`Property '${key}' is already initialized on target '${label}`);
    }
    let settled: Settled | undefined;
    let settle: ((s: Settled) => void) | undefined;
    let fail: ((err: Error) => void) | undefined;
    /** The property as the runtime would have it: a plain data property. */
    const own = (value: unknown) =>
      Object.defineProperty(onto, key, { value, writable: true, enumerable: true, configurable: true });
    const make = () => {
      let output: unknown;
      if (settled) {
        const s = settled;
        output = new OUTPUT(
          onto,
          Promise.resolve(s.value),
          Promise.resolve(s.isKnown),
          Promise.resolve(s.isSecret),
          Promise.resolve(s.deps),
        );
      } else {
        const value = deferred<unknown>();
        const isKnown = deferred<boolean>();
        const isSecret = deferred<boolean>();
        const deps = deferred<unknown[]>();
        settle = (s) => {
          value.resolve(s.value);
          isKnown.resolve(s.isKnown);
          isSecret.resolve(s.isSecret);
          deps.resolve(s.deps);
        };
        fail = (err) => [value, isKnown, isSecret, deps].forEach((p) => p.reject(err));
        output = new OUTPUT(onto, value.promise, isKnown.promise, isSecret.promise, deps.promise);
      }
      own(output);
      return output;
    };
    Object.defineProperty(onto, key, { get: make, set: own, enumerable: true, configurable: true });
    resolvers[key] = (value, isKnown, isSecret, deps = [], err) => {
      if (err) {
        if (isGrpcError(err)) return;
        if (!fail) make();
        fail?.(err);
      } else if (settle) settle({ value, isKnown, isSecret, deps });
      else settled = { value, isKnown, isSecret, deps };
    };
  }
  return resolvers;
}

/** Makes output properties lazy until the returned function restores the runtime's transferProperties. */
export function useLazyOutputs(): () => void {
  const { transferProperties } = RUNTIME_RPC;
  RUNTIME_RPC.transferProperties = lazyTransferProperties;
  return () => {
    RUNTIME_RPC.transferProperties = transferProperties;
  };
}

// A pure function's results for the last few distinct inputs, keyed by the input's JSON. An environment
// plan runs the program once per stack and run (50 runs at 16 sites), and each run validates the same
// config and derives the same model and figures from it: without this, those costs grow with
// sites x stacks (docs/PERFORMANCE.md, 2026-12-03). Results are frozen (a caller cannot change what
// the next one gets); a function whose callers may change its result asks for a copy each time.
import { deepFreeze } from "./deepFreeze";

export interface RecentOptions {
  /** Distinct inputs kept (the least recently used goes first). */
  readonly size: number;
  /** Give each caller its own copy of the result, which it may change (default: the frozen result). */
  readonly copies?: boolean;
}

class NotPlainData extends Error {}

/**
 * A deep copy of plain data (objects, arrays, primitives) made of this module's own objects and
 * arrays. Not structuredClone: it builds them in node's main realm, and in a jest test file (a vm
 * context) an array from there is no `instanceof Array` to the Pulumi runtime, which then sends it as
 * an object with keys "0", "1"... Anything else (a function, a Date, a Map) throws NotPlainData.
 */
function plainCopy<T>(value: T): T {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return value;
    case "object": {
      if (Array.isArray(value)) return value.map(plainCopy) as T;
      const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
      if (prototype !== null && prototype.constructor?.name !== "Object") throw new NotPlainData();
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) copy[key] = plainCopy(item);
      return copy as T;
    }
    default:
      throw new NotPlainData();
  }
}

/**
 * The input's JSON, with what JSON would drop or blur named instead (undefined, functions, bigints,
 * NaN and the infinities), so that two inputs share a key only if they are the same data.
 */
function keyOf(input: unknown): string {
  return JSON.stringify(input, (_key, value: unknown) => {
    if (value === undefined) return "\u0000undefined";
    if (typeof value === "function" || typeof value === "symbol") return `\u0000${typeof value}`;
    if (typeof value === "bigint") return `\u0000bigint ${value}`;
    if (typeof value === "number" && !Number.isFinite(value)) return `\u0000${value}`;
    return value;
  });
}

/**
 * `compute` remembered for the last `size` distinct inputs. It is called on a copy of its input, so the
 * frozen result shares nothing with the caller's objects; an input that is not plain data (it cannot be
 * copied) is computed each time. A call that throws remembers nothing.
 */
export function recentResults<I, O>(compute: (input: I) => O, options: RecentOptions): (input: I) => O {
  const recent = new Map<string, O>();
  return (input) => {
    const key = keyOf(input);
    let result = recent.get(key);
    if (result === undefined) {
      let copy: I;
      try {
        copy = plainCopy(input);
      } catch (err) {
        if (err instanceof NotPlainData) return compute(input);
        throw err;
      }
      result = deepFreeze(compute(copy));
      if (recent.size >= options.size) recent.delete(recent.keys().next().value!);
    } else recent.delete(key);
    // Most recently used last: the first key is the one to drop.
    recent.set(key, result);
    return options.copies ? plainCopy(result) : result;
  };
}

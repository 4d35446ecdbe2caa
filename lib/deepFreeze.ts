// Freezing a value and everything it holds, so that what one caller was given cannot be changed for the
// next (the policy engine's rule config, the results lib/recent.ts shares).

/** Deeply frozen, in place. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

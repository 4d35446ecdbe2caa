// Builders for the common shapes of API constraints on one input: allowed characters, lengths,
// patterns, allowed values, numeric ranges, required inputs and conflicting ones.
import type { Json, PlanResource } from "../plan/capture";
import type { InputConstraint, PreflightViolation } from "./types";
import { known } from "./view";

type Inputs = { [key: string]: Json };
type Examples = InputConstraint["examples"];

/** Every value at a dotted path; `[]` walks a list (`ingress[].description`). Missing values are skipped. */
export function valuesAt(inputs: Json | undefined, path: string): { path: string; value: Json }[] {
  const [head, ...rest] = path.split(".");
  const list = head.endsWith("[]");
  const key = list ? head.slice(0, -2) : head;
  const here = inputs !== null && typeof inputs === "object" && !Array.isArray(inputs) ? inputs[key] : undefined;
  if (here === undefined || here === null) return [];
  const items: { path: string; value: Json }[] = list
    ? (Array.isArray(here) ? here : []).map((value, i) => ({ path: `${key}[${i}]`, value }))
    : [{ path: key, value: here }];
  if (rest.length === 0) return items;
  return items.flatMap((item) =>
    valuesAt(item.value, rest.join(".")).map((v) => ({ path: `${item.path}.${v.path}`, value: v.value })),
  );
}

function violation(r: PlanResource, property: string, value: Json, rule: string, source: string): PreflightViolation {
  return { urn: r.urn, property, value, rule, source };
}

/** A constraint on each known value at `path`: `ok(value)` says whether the API accepts it. */
export function eachValue(
  path: string,
  rule: string,
  source: string,
  ok: (value: Json, inputs: Inputs) => boolean,
  examples: Examples,
): InputConstraint {
  return {
    rule,
    source,
    examples,
    check: (r) =>
      valuesAt(r.inputs, path)
        .filter((v) => known(v.value) && !ok(v.value, r.inputs))
        .map((v) => violation(r, v.path, v.value, rule, source)),
  };
}

const ex = (path: string, value: Json): Inputs => {
  // A minimal inputs object holding `value` at `path` (lists get one item).
  const [head, ...rest] = path.split(".");
  const key = head.replace(/\[\]$/, "");
  const inner: Json = rest.length === 0 ? value : ex(rest.join("."), value);
  return { [key]: head.endsWith("[]") ? [inner] : inner };
};

/** Only characters of `allowed` (a regular-expression class body, e.g. `a-zA-Z0-9 ._-`). */
export function charset(
  path: string,
  allowed: string,
  described: string,
  source: string,
  ok: string,
  bad: string,
): InputConstraint {
  const re = new RegExp(`^[${allowed}]*$`, "u");
  return eachValue(path, `${path}: only ${described}`, source, (v) => typeof v !== "string" || re.test(v), {
    ok: ex(path, ok),
    bad: ex(path, bad),
  });
}

export function length(path: string, min: number, max: number, source: string): InputConstraint {
  const ok = "a".repeat(Math.max(min, 1));
  return eachValue(
    path,
    `${path}: ${min} to ${max} characters`,
    source,
    (v) => typeof v !== "string" || ([...v].length >= min && [...v].length <= max),
    {
      ok: ex(path, ok),
      bad: ex(path, "a".repeat(max + 1)),
    },
  );
}

export function pattern(
  path: string,
  re: RegExp,
  described: string,
  source: string,
  ok: string,
  bad: string,
): InputConstraint {
  return eachValue(path, `${path}: ${described}`, source, (v) => typeof v !== "string" || re.test(v), {
    ok: ex(path, ok),
    bad: ex(path, bad),
  });
}

export function oneOf(path: string, values: readonly (string | number | boolean)[], source: string): InputConstraint {
  const allowed = new Set(values.map(String));
  return eachValue(
    path,
    `${path}: one of ${values.join(", ")}`,
    source,
    (v) => typeof v === "object" || allowed.has(String(v)),
    {
      ok: ex(path, values[0]),
      bad: ex(path, "not-a-documented-value"),
    },
  );
}

/** A number (or a number written as text, as some provider inputs are) within [min, max]. */
export function range(path: string, min: number, max: number, source: string): InputConstraint {
  return eachValue(
    path,
    `${path}: from ${min} to ${max}`,
    source,
    (v) => typeof v === "object" || (Number.isFinite(Number(v)) && Number(v) >= min && Number(v) <= max),
    {
      ok: ex(path, min),
      bad: ex(path, max + 1),
    },
  );
}

/** A number (or a number written as text) of at least `min`: limits the API states only from below. */
export function atLeast(path: string, min: number, source: string): InputConstraint {
  return eachValue(
    path,
    `${path}: at least ${min}`,
    source,
    (v) => typeof v === "object" || (Number.isFinite(Number(v)) && Number(v) >= min),
    {
      ok: ex(path, min),
      bad: ex(path, min - 1),
    },
  );
}

/** A list of at most `max` items (and at least `min`). */
export function count(path: string, min: number, max: number, source: string): InputConstraint {
  const list = (n: number): Json[] => Array.from({ length: n }, (_, i) => `item-${i}`);
  return eachValue(
    path,
    `${path}: ${min} to ${max} items`,
    source,
    (v) => !Array.isArray(v) || (v.length >= min && v.length <= max),
    {
      ok: ex(path, list(Math.max(min, 1))),
      bad: ex(path, list(max + 1)),
    },
  );
}

/** Inputs the API cannot do without. */
export function required(paths: readonly string[], source: string): InputConstraint {
  const rule = `${paths.join(", ")} required`;
  return {
    rule,
    source,
    examples: { ok: Object.fromEntries(paths.map((p) => [p, "x"])), bad: {} },
    check: (r) =>
      paths
        .filter((p) => r.inputs[p] === undefined || r.inputs[p] === null)
        .map((p) => violation(r, p, null, rule, source)),
  };
}

/**
 * Exactly one (or, with `atMostOne`, at most one) of the inputs is set: the API refuses both, or none.
 * An empty list or `false` counts as unset.
 */
export function exactlyOne(
  paths: readonly string[],
  source: string,
  options: { atMostOne?: boolean } = {},
): InputConstraint {
  const set = (v: Json | undefined) =>
    v !== undefined && v !== null && v !== false && !(Array.isArray(v) && v.length === 0);
  const rule = `${options.atMostOne ? "at most" : "exactly"} one of ${paths.join(", ")}`;
  return {
    rule,
    source,
    examples: { ok: { [paths[0]]: "x" }, bad: options.atMostOne ? { [paths[0]]: "x", [paths[1]]: "y" } : {} },
    check: (r) => {
      const given = paths.filter((p) => set(r.inputs[p]));
      const fine = options.atMostOne ? given.length <= 1 : given.length === 1;
      return fine
        ? []
        : [violation(r, paths.join("|"), Object.fromEntries(given.map((p) => [p, r.inputs[p]])), rule, source)];
    },
  };
}

/** A check of the whole inputs object (combinations the simple builders cannot say). */
export function combination(
  property: string,
  rule: string,
  source: string,
  ok: (inputs: Inputs) => boolean,
  examples: Examples,
): InputConstraint {
  return {
    rule,
    source,
    examples,
    check: (r) => (ok(r.inputs) ? [] : [violation(r, property, r.inputs[property] ?? null, rule, source)]),
  };
}

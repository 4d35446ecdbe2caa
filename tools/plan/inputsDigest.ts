// What a stack's plan is a function of, as one digest: the config its part reads, the program's sources
// and the outputs of the stacks it reads. A pull request's plan skips a stack whose digest equals the
// base branch's (the runs are deterministic under the mocks, so the plan would be the same).
import { createHash } from "crypto";
import { CONFIG_NAMESPACE } from "../../config";
import type { StackSpec } from "../../lib/stacks/layout";
import { sourceHash } from "./runCache";

const SITES_KEY = `${CONFIG_NAMESPACE}:sites`;

/** JSON with object keys sorted, so that equal values digest equally whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value ?? null);
}

const sha = (...parts: string[]) => {
  const hash = createHash("sha256");
  parts.forEach((p) => hash.update(p).update("\0"));
  return hash.digest("hex");
};

interface RawSite {
  readonly name?: unknown;
  readonly kind?: unknown;
  readonly pools?: { readonly sbc?: unknown };
}

/**
 * The config values a stack's part depends on: everything, except the pools of the AWS sites the stack
 * is not. Only a site's own stack builds its pools (components/pools/sitePools.ts); its readers see
 * them through its outputs, which their digest covers. The DNS stack also keeps every site's SBC pool:
 * it declares the records of each SBC slot up front (stacks/dns.ts). test/plan/envCli.test.ts checks
 * that the stacks skipped for one site's pool changes plan identically.
 */
export function configView(spec: StackSpec, values: Readonly<Record<string, string>>): Record<string, unknown> {
  const view: Record<string, unknown> = { ...values };
  const text = values[SITES_KEY];
  if (text === undefined) return view;
  const own = spec.part.kind === "site" ? spec.part.site : undefined;
  const sites = JSON.parse(text) as RawSite[];
  view[SITES_KEY] = sites.map((site) => {
    if (site.kind !== "aws" || site.name === own || !site.pools) return site;
    const { pools, ...rest } = site;
    return spec.part.kind === "dns" ? { ...rest, pools: { sbc: pools.sbc } } : rest;
  });
  return view;
}

/** The digest of a stack's outputs as its readers see them (wire format, secrets included: they are the mocks'). */
export function outputsDigest(wireOutputs: Readonly<Record<string, unknown>>): string {
  return sha(canonical(wireOutputs));
}

/** What a stack's plan depends on, each part digested: recorded in its plan file to tell why it changed. */
export interface StackInputs {
  readonly config: string;
  readonly sources: string;
  /** Each read stack's outputsDigest, by name. */
  readonly upstreams: Readonly<Record<string, string>>;
}

export function stackInputs(
  spec: StackSpec,
  values: Readonly<Record<string, string>>,
  programRoot: string,
  upstreams: Readonly<Record<string, string>>,
): StackInputs {
  return { config: sha(canonical(configView(spec, values))), sources: sourceHash(programRoot), upstreams };
}

/** The one digest a pull request compares. */
export function inputsDigest(inputs: StackInputs): string {
  return sha(inputs.config, inputs.sources, canonical(inputs.upstreams));
}

/** Why a stack's inputs differ from the base's, one phrase per difference. */
export function inputChanges(head: StackInputs, base: Partial<StackInputs> | undefined): string[] {
  if (!base || typeof base.config !== "string") return ["the base's plan records no inputs"];
  const changes: string[] = [];
  if (head.config !== base.config) changes.push("the config it reads changed");
  if (head.sources !== base.sources) changes.push("the program's sources changed");
  Object.entries(head.upstreams).forEach(([stack, digest]) => {
    if (base.upstreams?.[stack] !== digest) changes.push(`the outputs of ${stack} changed`);
  });
  return changes;
}

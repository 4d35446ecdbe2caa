// What a stack's plan is a function of, as one digest: the config its part reads, the program's sources
// and the outputs of the stacks it reads. A pull request's plan skips a stack whose digest equals the
// base branch's (the runs are deterministic under the mocks, so the plan would be the same).
import { createHash } from "crypto";
import { CONFIG_NAMESPACE } from "../../config";
import type { StackSpec } from "../../lib/stacks/layout";
import { EVERY_OUTPUT } from "./capture";
import { canonical, sourceHash } from "./runCache";

const SITES_KEY = `${CONFIG_NAMESPACE}:sites`;
const VOICE_KEY = `${CONFIG_NAMESPACE}:voice`;

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
 * is not, and for the shared and mesh stacks the SBC rollout's progress (`voice.rollout`,
 * `voice.drained`). Only a site's own stack builds its pools (components/pools/sitePools.ts); its
 * readers see them through its outputs, which their digest covers. The DNS stack also keeps every
 * site's SBC pool: it declares the records of each SBC slot up front (stacks/dns.ts). The rollout moves
 * SBCs of the site stacks and their records in DNS; the shared and mesh stacks build no SBC. The run
 * cache keys part stacks' runs on this view too (programRun.ts). test/plan/envCli.test.ts checks that
 * the stacks skipped for one site's pool changes plan identically, and that the stacks whose view
 * another site's pools or a rollout step leave unchanged make the same runs (preview and `up`).
 */
export function configView(spec: StackSpec, values: Readonly<Record<string, string>>): Record<string, unknown> {
  const view: Record<string, unknown> = { ...values };
  const voice = values[VOICE_KEY];
  if (voice !== undefined && (spec.part.kind === "shared" || spec.part.kind === "mesh")) {
    const { rollout: _rollout, drained: _drained, ...rest } = JSON.parse(voice) as Record<string, unknown>;
    view[VOICE_KEY] = rest;
  }
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

/** Each output's digest, by output name, as the stack's readers see it (wire format, secrets included: they are the mocks'). */
export function outputDigests(wireOutputs: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(wireOutputs)
      .sort()
      .map((name) => [name, sha(canonical(wireOutputs[name]))]),
  );
}

/**
 * The digests of the outputs a reader asked of one upstream (null: the upstream has no such output).
 * EVERY_OUTPUT stands for all of them: a read whose name the run could not tell.
 */
export function readDigests(
  digests: Readonly<Record<string, string>>,
  names: readonly string[],
): Record<string, string | null> {
  return Object.fromEntries(
    names.map((name) => [name, name === EVERY_OUTPUT ? sha(canonical(digests)) : (digests[name] ?? null)]),
  );
}

/** What a stack's plan depends on, each part digested: recorded in its plan file to tell why it changed. */
export interface StackInputs {
  readonly config: string;
  readonly sources: string;
  /**
   * For each read stack, the outputs this stack's runs asked of it, each with its digest: the runs are
   * deterministic, so the same config, sources and values of these outputs make the same runs (which
   * then ask the same outputs). An output of the upstream that no run asked is not a dependency.
   */
  readonly upstreams: Readonly<Record<string, Readonly<Record<string, string | null>>>>;
}

export function stackInputs(
  spec: StackSpec,
  values: Readonly<Record<string, string>>,
  programRoot: string,
  upstreams: StackInputs["upstreams"],
): StackInputs {
  return { config: sha(canonical(configView(spec, values))), sources: sourceHash(programRoot), upstreams };
}

/** The one digest a pull request compares. */
export function inputsDigest(inputs: StackInputs): string {
  return sha(inputs.config, inputs.sources, canonical(inputs.upstreams));
}

/** The outputs of one upstream whose digests differ between two records of them (either side's names). */
function changedOutputs(
  head: Readonly<Record<string, string | null>>,
  base: Readonly<Record<string, string | null>>,
): string[] {
  return [...new Set([...Object.keys(head), ...Object.keys(base)])].filter((n) => head[n] !== base[n]).sort();
}

/** Why a stack's inputs differ from the base's, one phrase per difference. */
export function inputChanges(head: StackInputs, base: Partial<StackInputs> | undefined): string[] {
  if (!base || typeof base.config !== "string") return ["the base's plan records no inputs"];
  const changes: string[] = [];
  if (head.config !== base.config) changes.push("the config it reads changed");
  if (head.sources !== base.sources) changes.push("the program's sources changed");
  Object.entries(head.upstreams).forEach(([stack, read]) => {
    const before = base.upstreams?.[stack];
    // A base recorded before reads were (one digest of all outputs) cannot say which changed.
    if (typeof before !== "object" || before === null) changes.push(`the outputs of ${stack} changed`);
    else {
      const changed = changedOutputs(read, before);
      if (changed.length > 0) changes.push(`the outputs of ${stack} changed (${changed.join(", ")})`);
    }
  });
  return changes;
}

/** Whether two records of a stack's output digests are the same outputs with the same values. */
export function sameOutputs(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  return canonical(a) === canonical(b);
}

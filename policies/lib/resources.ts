// Reading tags, tiers, sites and regions from what the engine hands a policy. Stack policies can follow
// parents and property dependencies to the resource that carries the tier (a rule resource to its
// security group, a route to its route table), because ids are unknown during preview.
import type { PolicyResource } from "@pulumi/policy";
import { asRecord, asString, known, UNKNOWN } from "./values";

/** What resource and stack policies both see of a resource. */
export interface ResourceView {
  readonly type: string;
  readonly props: Record<string, any>;
  readonly urn: string;
  readonly name: string;
  readonly provider?: { readonly props: Record<string, any> };
}

function stringMap(value: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(asRecord(value)).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}

/**
 * The resource's own tags: a `tags` map, or an auto scaling group's `[{ key, value }]` list.
 * Unknown entries are left out.
 */
export function ownTags(r: ResourceView): Record<string, string> {
  return { ...remembered(OWN_TAGS, r.props, () => readOwnTags(r)) };
}

/**
 * Results per props object: a resource's props are the same object for every rule of one evaluation,
 * and most rules read its tags. Callers get copies, so none can change what another rule reads.
 */
function remembered<T>(cache: WeakMap<object, T>, key: object | undefined, compute: () => T): T {
  if (key === undefined || key === null) return compute();
  if (!cache.has(key)) cache.set(key, compute());
  return cache.get(key)!;
}

const OWN_TAGS = new WeakMap<object, Record<string, string>>();
const PROVIDER_DEFAULT_TAGS = new WeakMap<object, Record<string, string>>();

function readOwnTags(r: ResourceView): Record<string, string> {
  const tags = known(() => r.props.tags);
  if (tags === UNKNOWN || tags === undefined || tags === null) return {};
  if (Array.isArray(tags)) {
    const entries: [string, string][] = [];
    tags.forEach((_, i) => {
      const key = known(() => r.props.tags[i].key);
      const value = known(() => r.props.tags[i].value);
      if (typeof key === "string" && typeof value === "string") entries.push([key, value]);
    });
    return Object.fromEntries(entries);
  }
  const out: Record<string, string> = {};
  Object.keys(tags).forEach((k) => {
    const v = known(() => r.props.tags[k]);
    if (typeof v === "string") out[k] = v;
  });
  return out;
}

/** The provider's default tags (providers carry structured inputs as JSON text). */
export function providerDefaultTags(r: ResourceView): Record<string, string> {
  return { ...remembered(PROVIDER_DEFAULT_TAGS, r.provider?.props, () => readProviderDefaultTags(r)) };
}

function readProviderDefaultTags(r: ResourceView): Record<string, string> {
  const raw = known(() => r.provider?.props.defaultTags);
  if (raw === UNKNOWN || raw === undefined) return {};
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      return {};
    }
  }
  return stringMap(asRecord(value).tags);
}

/** Tags as AWS will apply them: provider default tags, overridden by the resource's own. */
export function effectiveTags(r: ResourceView): Record<string, string> {
  return { ...providerDefaultTags(r), ...ownTags(r) };
}

/** A launch template's tier: its own tag, else the tag it gives the instances it launches. */
export function launchTemplateTier(r: ResourceView): string | undefined {
  const own = ownTags(r).tier;
  if (own) return own;
  const specs = known(() => r.props.tagSpecifications);
  if (!Array.isArray(specs)) return undefined;
  for (let i = 0; i < specs.length; i++) {
    const tier = known(() => r.props.tagSpecifications[i].tags?.tier);
    if (typeof tier === "string") return tier;
  }
  return undefined;
}

function tierOfResource(r: ResourceView): string | undefined {
  return r.type === "aws:ec2/launchTemplate:LaunchTemplate" ? launchTemplateTier(r) : ownTags(r).tier;
}

/** Tier from the resource's own tags, else its nearest tagged ancestor's. */
export function inheritedTier(r: PolicyResource): string | undefined {
  for (let cur: PolicyResource | undefined = r; cur; cur = cur.parent) {
    const tier = tierOfResource(cur);
    if (tier) return tier;
  }
  return undefined;
}

/**
 * The tier a resource belongs to: the tier of what the named properties refer to (e.g. the security
 * group of an ingress rule), else its own tag, else its nearest tagged ancestor's.
 */
export function tierVia(r: PolicyResource, via: readonly string[]): string | undefined {
  // What the resource attaches to decides (a rule's own tag cannot move it out of its group's tier).
  for (const key of via) {
    for (const dep of r.propertyDependencies[key] ?? []) {
      const tier = inheritedTier(dep);
      if (tier) return tier;
    }
  }
  return inheritedTier(r);
}

/** The resources a property refers to (through property dependencies), of the given type. */
export function referenced(r: PolicyResource, key: string, type?: string): PolicyResource[] {
  return (r.propertyDependencies[key] ?? []).filter((d) => !type || d.type === type);
}

/** The site tag, own, inherited or from the provider's default tags. */
export function siteOf(r: PolicyResource): string | undefined {
  for (let cur: PolicyResource | undefined = r; cur; cur = cur.parent) {
    const site = effectiveTags(cur).site;
    if (site) return site;
  }
  return undefined;
}

/** The AWS region a resource lands in: its own `region` input (AWS v7), else its provider's. */
export function regionOf(r: ResourceView): string | undefined {
  const own = known(() => r.props.region);
  if (typeof own === "string") return own;
  const fromProvider = known(() => r.provider?.props.region);
  return asString(fromProvider === UNKNOWN ? undefined : fromProvider);
}

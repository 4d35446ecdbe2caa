// Customer-managed prefix lists a security-group rule admits, resolved to the CIDRs they hold. A rule
// names its lists by id, and ids are unknown during preview, so a list is traced through the rule's
// property dependencies to the ManagedPrefixList of this stack; its entries are its inline `entries`
// plus every ManagedPrefixListEntry resource that depends on it. A list the pack cannot trace (a
// literal `pl-...`, an AWS-managed list, an id from a StackReference) may hold any address: it counts
// as 0.0.0.0/0, since only what the stack declares can show what is actually connected.
import type { PolicyResource } from "@pulumi/policy";
import { referenced } from "./resources";
import { indices, known, UNKNOWN } from "./values";

export const PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";
export const PREFIX_LIST_ENTRY = "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry";

/** What an untraceable list may hold. */
const ANY_ADDRESS = "0.0.0.0/0";

/** One prefix list a rule admits: how violations name it, and the CIDRs it holds. */
export interface PrefixListCidrs {
  readonly list: string;
  readonly cidrs: readonly string[];
}

/** The prefix lists of one evaluation, indexed once: list URN to the CIDRs it holds. */
export interface PrefixLists {
  readonly cidrsOf: ReadonlyMap<string, readonly string[]>;
}

const INDEXES = new WeakMap<readonly PolicyResource[], PrefixLists>();

/** Entries whose CIDR is unknown at preview are left out, as an unknown `cidrIpv4` is. */
function knownCidr(read: () => unknown): string[] {
  const cidr = known(read);
  return typeof cidr === "string" ? [cidr] : [];
}

/** The stack's prefix lists and their entries; built once per resources array (i.e. per evaluation). */
export function prefixListsOf(resources: readonly PolicyResource[]): PrefixLists {
  const cached = INDEXES.get(resources);
  if (cached) return cached;
  const cidrsOf = new Map<string, string[]>();
  for (const r of resources) {
    if (r.type !== PREFIX_LIST) continue;
    const inline = indices(known(() => r.props.entries)).flatMap((i) => knownCidr(() => r.props.entries[i].cidr));
    cidrsOf.set(r.urn, inline);
  }
  for (const r of resources) {
    if (r.type !== PREFIX_LIST_ENTRY) continue;
    const cidr = knownCidr(() => r.props.cidr);
    // An entry on an untraced list adds nothing: that list already counts as every address.
    referenced(r, "prefixListId", PREFIX_LIST).forEach((list) => cidrsOf.get(list.urn)?.push(...cidr));
  }
  const index = { cidrsOf };
  INDEXES.set(resources, index);
  return index;
}

/** The ids a property holds: one per element (a string or a list of them); UNKNOWN for an unknown one. */
function ids(read: () => unknown): (string | typeof UNKNOWN)[] {
  const value = known(read);
  if (value === UNKNOWN) return [UNKNOWN];
  if (typeof value === "string") return [value];
  return indices(value).map((i) => {
    const id = known(() => (read() as unknown[])[i]);
    return typeof id === "string" ? id : UNKNOWN;
  });
}

const untraced = (id: string | typeof UNKNOWN): PrefixListCidrs => ({
  list: `prefix list ${id === UNKNOWN ? "(id unknown)" : id} (not declared in this stack)`,
  cidrs: [ANY_ADDRESS],
});

/**
 * The prefix lists the property `key` of `r` names, read with `read`. `dependencyKey` is the property
 * whose dependencies trace them (an inline group's `ingress`, shared by all its blocks: each block
 * with a list gets every list the group's ingress depends on, an over-approximation that errs towards
 * more reach). Ids beyond the traced lists' count are untraceable.
 */
export function prefixListsNamed(
  r: PolicyResource,
  dependencyKey: string,
  read: () => unknown,
  lists: PrefixLists,
): PrefixListCidrs[] {
  const named = ids(read);
  if (named.length === 0) return [];
  const traced = referenced(r, dependencyKey, PREFIX_LIST).map((list) => ({
    list: `prefix list ${list.name}`,
    cidrs: lists.cidrsOf.get(list.urn) ?? [],
  }));
  // A known id may still be a traced list's (an unchanged list's id is known in a preview), so only
  // the ids the dependencies cannot account for count as foreign, and known ids are named first: a
  // literal id is the likelier foreign one.
  const foreign = named
    .slice()
    .sort((a, b) => (a === UNKNOWN ? 1 : 0) - (b === UNKNOWN ? 1 : 0))
    .slice(0, Math.max(0, named.length - traced.length));
  return [...traced, ...foreign.map(untraced)];
}

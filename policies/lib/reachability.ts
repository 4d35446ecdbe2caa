// Who reaches what, one hop: for every security-group ingress rule, the named sources it admits, the
// placements (site, tier) the group guards, gated by the path packets take: a public source needs a
// public placement (internet-gateway route plus a public address, or an internet-facing load balancer),
// and every source passes the network ACLs of the destination's subnets. Linear in rules x placements x
// ACL rules; CIDRs are compared with the few named sources, never expanded into addresses.
import type { PolicyResource } from "@pulumi/policy";
import { Cidr, contains, isPublicCidr, parseCidr } from "./cidr";
import { INGRESS_RULE, SECURITY_GROUP, SG_RULE } from "./ingress";
import { PrefixLists, prefixListsNamed, prefixListsOf } from "./prefixLists";
import { ownTags, referenced, siteOf } from "./resources";
import { derivedTier, isInternetFacing, Placement, PublicPlacementTiers, T, Topology, topologyOf } from "./topology";
import { indices, isTrue, known } from "./values";

export type SourceKind =
  "internet" | "carrier" | "customer" | "cloudflare" | "site" | "datacentre" | "admin" | "private";
export const PUBLIC_KINDS: readonly SourceKind[] = ["internet", "carrier", "customer", "cloudflare"];

/** A source the figure names: a carrier, a customer, Cloudflare, one tier of a site, a data centre, the admin VPN. */
export interface NamedSource {
  readonly name: string;
  readonly kind: SourceKind;
  readonly cidrs: readonly string[];
  readonly site?: string;
  readonly tier?: string;
}

export interface Source {
  readonly name: string;
  readonly kind: SourceKind;
  readonly site?: string;
  readonly tier?: string;
  /** Addresses the traffic comes from, for the network ACLs; empty when unknown. */
  readonly cidrs: readonly string[];
}

export interface ReachEdge {
  readonly source: string;
  readonly sourceKind: SourceKind;
  readonly sourceSite?: string;
  readonly sourceTier?: string;
  readonly site: string;
  readonly tier: string;
  /** tcp, udp, icmp, any, or a protocol number. */
  readonly protocol: string;
  /** Undefined: every port. */
  readonly fromPort?: number;
  readonly toPort?: number;
  /** The ingress rule (or inline group) that admits it. */
  readonly urn: string;
  readonly rule: string;
}

const PROTOCOL_NAMES: Record<string, string> = {
  "-1": "any",
  all: "any",
  "6": "tcp",
  "17": "udp",
  "1": "icmp",
  "58": "icmpv6",
};
export const protocolName = (p: unknown) =>
  p === undefined || p === null ? "any" : (PROTOCOL_NAMES[String(p).toLowerCase()] ?? String(p).toLowerCase());

interface Grant {
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrs: string[];
  readonly groups: PolicyResource[];
}

function strings(read: () => unknown): string[] {
  const v = known(read);
  if (typeof v === "string") return [v];
  return indices(v)
    .map((i) => known(() => (read() as unknown[])[i]))
    .filter((c): c is string => typeof c === "string");
}

function ports(protocol: string, from: unknown, to: unknown): { fromPort?: number; toPort?: number } {
  if (protocol === "any" || typeof from !== "number" || typeof to !== "number") return {};
  return { fromPort: from, toPort: to };
}

/** The CIDRs of the prefix lists a property names (untraceable lists: every address). */
function listCidrs(r: PolicyResource, key: string, read: () => unknown, lists: PrefixLists): string[] {
  return prefixListsNamed(r, key, read, lists).flatMap((l) => l.cidrs);
}

/** The ingress one rule resource grants, with the security group it opens. */
function grantsOf(r: PolicyResource, lists: PrefixLists): { group?: PolicyResource; grants: Grant[] } {
  const p = r.props;
  if (r.type === INGRESS_RULE) {
    const protocol = protocolName(known(() => p.ipProtocol));
    return {
      group: referenced(r, "securityGroupId", SECURITY_GROUP)[0],
      grants: [
        {
          protocol,
          ...ports(
            protocol,
            known(() => p.fromPort),
            known(() => p.toPort),
          ),
          cidrs: [
            ...strings(() => p.cidrIpv4),
            ...strings(() => p.cidrIpv6),
            ...listCidrs(r, "prefixListId", () => p.prefixListId, lists),
          ],
          groups: referenced(r, "referencedSecurityGroupId", SECURITY_GROUP),
        },
      ],
    };
  }
  if (r.type === SG_RULE && known(() => p.type) === "ingress") {
    const protocol = protocolName(known(() => p.protocol));
    const self = isTrue(known(() => p.self)) ? referenced(r, "securityGroupId", SECURITY_GROUP) : [];
    return {
      group: referenced(r, "securityGroupId", SECURITY_GROUP)[0],
      grants: [
        {
          protocol,
          ...ports(
            protocol,
            known(() => p.fromPort),
            known(() => p.toPort),
          ),
          cidrs: [
            ...strings(() => p.cidrBlocks),
            ...strings(() => p.ipv6CidrBlocks),
            ...listCidrs(r, "prefixListIds", () => p.prefixListIds, lists),
          ],
          groups: [...referenced(r, "sourceSecurityGroupId", SECURITY_GROUP), ...self],
        },
      ],
    };
  }
  if (r.type === SECURITY_GROUP) {
    const grants = indices(known(() => p.ingress)).map((i) => {
      const protocol = protocolName(known(() => p.ingress[i].protocol));
      return {
        protocol,
        ...ports(
          protocol,
          known(() => p.ingress[i].fromPort),
          known(() => p.ingress[i].toPort),
        ),
        cidrs: [
          ...strings(() => p.ingress[i].cidrBlocks),
          ...strings(() => p.ingress[i].ipv6CidrBlocks),
          ...listCidrs(r, "ingress", () => p.ingress[i].prefixListIds, lists),
        ],
        groups: referenced(r, "ingress", SECURITY_GROUP),
      };
    });
    return { group: r, grants };
  }
  return { grants: [] };
}

/** CIDRs parsed once: the same few texts (named sources, ACL rules) are compared with every rule. */
const parsedCidrs = new Map<string, Cidr | undefined>();
function cidrOf(text: string): Cidr | undefined {
  if (!parsedCidrs.has(text)) parsedCidrs.set(text, parseCidr(text));
  return parsedCidrs.get(text);
}
const overlaps = (a: string, b: string) => {
  const x = cidrOf(a);
  const y = cidrOf(b);
  return !!x && !!y && (contains(x, y) || contains(y, x));
};
const inside = (inner: string, outer: string) => {
  const x = cidrOf(outer);
  const y = cidrOf(inner);
  return !!x && !!y && contains(x, y);
};

/** The named sources a CIDR admits: the one that holds it, else those it covers plus the internet (or unnamed private space). */
export function classifyCidr(cidr: string, named: readonly NamedSource[]): Source[] {
  const holders = named.filter((n) => n.cidrs.some((c) => inside(cidr, c)));
  if (holders.length > 0) {
    const best = holders.sort((a, b) => prefixOf(b, cidr) - prefixOf(a, cidr))[0];
    return [{ ...best, cidrs: [cidr] }];
  }
  const covered = named
    .filter((n) => n.cidrs.some((c) => inside(c, cidr)))
    .map((n) => ({ ...n, cidrs: n.cidrs.filter((c) => inside(c, cidr)) }));
  const rest: Source = isPublicCidr(cidr)
    ? { name: "internet", kind: "internet", cidrs: [cidr] }
    : { name: `private ${cidr}`, kind: "private", cidrs: [cidr] };
  return [...covered, rest];
}

function prefixOf(n: NamedSource, cidr: string): number {
  return Math.max(...n.cidrs.filter((c) => inside(cidr, c)).map((c) => cidrOf(c)!.prefix));
}

interface AclRule {
  readonly number: number;
  readonly allow: boolean;
  readonly cidr: string;
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
}

/** Inbound rules of each subnet's network ACL, in evaluation order (subnets without a custom ACL: none, i.e. the default ACL allows all). */
function inboundAcls(resources: readonly PolicyResource[]): Map<string, AclRule[]> {
  const rulesOf = new Map<string, AclRule[]>();
  const add = (aclUrn: string, rule: AclRule) => rulesOf.set(aclUrn, [...(rulesOf.get(aclUrn) ?? []), rule]);
  const read = (get: (key: string) => unknown): AclRule | undefined => {
    const cidr = get("cidrBlock") ?? get("ipv6CidrBlock");
    const number = get("ruleNumber") ?? get("ruleNo");
    if (typeof cidr !== "string" || typeof number !== "number") return undefined;
    const protocol = protocolName(get("protocol"));
    return {
      number,
      allow: get("ruleAction") === "allow" || get("action") === "allow",
      cidr,
      protocol,
      ...ports(protocol, get("fromPort"), get("toPort")),
    };
  };
  const bySubnet = new Map<string, string>();
  for (const r of resources) {
    if (r.type === T.networkAclRule && !isTrue(known(() => r.props.egress))) {
      const rule = read((k) => known(() => r.props[k]));
      if (rule) referenced(r, "networkAclId", T.networkAcl).forEach((acl) => add(acl.urn, rule));
    }
    if (r.type === T.networkAcl) {
      referenced(r, "subnetIds", T.subnet).forEach((s) => bySubnet.set(s.urn, r.urn));
      indices(known(() => r.props.ingress)).forEach((i) => {
        const rule = read((k) => known(() => r.props.ingress[i][k]));
        if (rule) add(r.urn, rule);
      });
    }
  }
  return new Map(
    [...bySubnet.entries()].map(([subnet, acl]) => [
      subnet,
      (rulesOf.get(acl) ?? []).sort((a, b) => a.number - b.number),
    ]),
  );
}

const portsOverlap = (a: { fromPort?: number; toPort?: number }, b: { fromPort?: number; toPort?: number }) =>
  a.fromPort === undefined || b.fromPort === undefined || (a.fromPort <= b.toPort! && b.fromPort <= a.toPort!);
const portsWithin = (inner: { fromPort?: number; toPort?: number }, outer: { fromPort?: number; toPort?: number }) =>
  outer.fromPort === undefined ||
  (inner.fromPort !== undefined && outer.fromPort <= inner.fromPort && inner.toPort! <= outer.toPort!);

/**
 * Whether an ACL admits some of the traffic: the first rule that overlaps decides if it allows, or if
 * it denies all of it; a deny that covers only part lets the rest on to later rules (an over-approximation,
 * which is the safe side for an assertion that something is NOT reachable).
 */
function aclAdmits(
  rules: AclRule[] | undefined,
  cidrs: readonly string[],
  protocol: string,
  p: { fromPort?: number; toPort?: number },
): boolean {
  if (!rules) return true;
  const sources = cidrs.length > 0 ? cidrs : ["0.0.0.0/0"];
  return sources.some((cidr) => {
    for (const rule of rules) {
      if (!overlaps(rule.cidr, cidr)) continue;
      if (rule.protocol !== "any" && protocol !== "any" && rule.protocol !== protocol) continue;
      if (rule.protocol !== "any" && !portsOverlap(rule, p)) continue;
      if (rule.allow) return true;
      if (
        inside(cidr, rule.cidr) &&
        (rule.protocol === "any" || protocol === rule.protocol) &&
        (rule.protocol === "any" || portsWithin(p, rule))
      )
        return false;
    }
    return false;
  });
}

function publicAddress(p: Placement, eipTargets: Set<string>): boolean {
  const r = p.resource;
  const mapsPublic = p.subnets.some((s) => known(() => s.props.mapPublicIpOnLaunch) === true);
  switch (r.type) {
    case T.lb:
    case T.alb:
      return isInternetFacing(r);
    case T.rds:
      return known(() => r.props.publiclyAccessible) === true;
    case T.instance:
      return (
        eipTargets.has(r.urn) ||
        isTrue(known(() => r.props.associatePublicIpAddress)) ||
        (mapsPublic && known(() => r.props.associatePublicIpAddress) !== false)
      );
    case T.asg: {
      const templates = referenced(r, "launchTemplate", T.launchTemplate);
      return (
        mapsPublic ||
        templates.some((lt) =>
          indices(known(() => lt.props.networkInterfaces)).some((i) =>
            isTrue(known(() => lt.props.networkInterfaces[i].associatePublicIpAddress)),
          ),
        )
      );
    }
  }
  return false;
}

export interface ReachabilityInput {
  readonly namedSources: readonly NamedSource[];
  readonly placementTiers: PublicPlacementTiers;
  /** False: security groups, routes and public addresses alone (the first line, judged without the ACLs behind it). */
  readonly throughAcls?: boolean;
}

/** Every one-hop edge the stack admits. */
export function reachability(resources: readonly PolicyResource[], input: ReachabilityInput): ReachEdge[] {
  const topology: Topology = topologyOf(resources);
  const acls = inboundAcls(resources);
  const lists = prefixListsOf(resources);
  const eipTargets = new Set(
    resources
      .filter((r) => r.type === "aws:ec2/eipAssociation:EipAssociation" || r.type === "aws:ec2/eip:Eip")
      .flatMap((r) => [...referenced(r, "instanceId"), ...referenced(r, "instance")].map((i) => i.urn)),
  );
  const destinations = new Map<Placement, { site: string; tier: string; public: boolean }>();
  topology.placements.forEach((p) => {
    if (p.resource.type === T.clientVpn) return;
    const tier = derivedTier(p, input.placementTiers, topology) ?? ownTags(p.resource).tier ?? "untagged";
    const isPublic = p.subnets.some((s) => topology.routeClassOf(s) === "public") && publicAddress(p, eipTargets);
    destinations.set(p, { site: siteOf(p.resource) ?? "-", tier, public: isPublic });
  });
  const groupSources = new Map<string, Source[]>();
  const sourcesOfGroup = (group: PolicyResource): Source[] => {
    if (!groupSources.has(group.urn)) {
      const users = topology.guardedBy.get(group.urn) ?? [];
      const sources = users.map((u): Source => {
        if (u.resource.type === T.clientVpn)
          return { name: "admin VPN", kind: "admin", cidrs: strings(() => u.resource.props.clientCidrBlock) };
        const site = siteOf(u.resource) ?? "-";
        const tier = destinations.get(u)?.tier ?? "untagged";
        return {
          name: `${site} ${tier}`,
          kind: "site",
          site,
          tier,
          cidrs: u.subnets.flatMap((s) => strings(() => s.props.cidrBlock)),
        };
      });
      groupSources.set(group.urn, sources);
    }
    return groupSources.get(group.urn)!;
  };
  const edges: ReachEdge[] = [];
  for (const r of resources) {
    const { group, grants } = grantsOf(r, lists);
    if (!group || grants.length === 0) continue;
    const guarded = (topology.guardedBy.get(group.urn) ?? []).filter((p) => destinations.has(p));
    for (const grant of grants) {
      const sources = [
        ...grant.cidrs.flatMap((c) => classifyCidr(c, input.namedSources)),
        ...grant.groups.flatMap(sourcesOfGroup),
      ];
      for (const source of sources) {
        for (const p of guarded) {
          const dest = destinations.get(p)!;
          if (PUBLIC_KINDS.includes(source.kind) && !dest.public) continue;
          if (
            input.throughAcls !== false &&
            !p.subnets.some((s) => aclAdmits(acls.get(s.urn), source.cidrs, grant.protocol, grant))
          )
            continue;
          edges.push({
            source: source.name,
            sourceKind: source.kind,
            ...(source.site ? { sourceSite: source.site } : {}),
            ...(source.tier ? { sourceTier: source.tier } : {}),
            site: dest.site,
            tier: dest.tier,
            protocol: grant.protocol,
            ...(grant.fromPort !== undefined ? { fromPort: grant.fromPort, toPort: grant.toPort } : {}),
            urn: r.urn,
            rule: r.name,
          });
        }
      }
    }
  }
  return edges;
}

export function describePorts(e: { protocol: string; fromPort?: number; toPort?: number }): string {
  if (e.fromPort === undefined) return `${e.protocol}/all`;
  return `${e.protocol}/${e.fromPort === e.toPort ? e.fromPort : `${e.fromPort}-${e.toPort}`}`;
}

/** One row per source, destination site and tier, protocol and ports: the figure without the rules that grant it. */
export function figureRows(edges: readonly ReachEdge[]): Omit<ReachEdge, "urn" | "rule">[] {
  const rows = new Map<string, Omit<ReachEdge, "urn" | "rule">>();
  edges.forEach(({ urn: _urn, rule: _rule, ...row }) =>
    rows.set(`${row.source}|${row.site}|${row.tier}|${describePorts(row)}`, row),
  );
  return [...rows.values()].sort(
    (a, b) =>
      a.source.localeCompare(b.source) ||
      a.site.localeCompare(b.site) ||
      a.tier.localeCompare(b.tier) ||
      describePorts(a).localeCompare(describePorts(b)),
  );
}

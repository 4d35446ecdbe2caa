// Every way AWS lets a security group admit traffic from a CIDR, normalised to one shape: CIDRs named
// directly, and the CIDRs of the prefix lists a rule names (one per entry, policies/lib/prefixLists.ts).
import type { PolicyResource } from "@pulumi/policy";
import { PrefixListCidrs, PrefixLists, prefixListsNamed } from "./prefixLists";
import { known, UNKNOWN } from "./values";

export const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
export const INGRESS_TYPES = [INGRESS_RULE, SG_RULE, SECURITY_GROUP, DEFAULT_SECURITY_GROUP];

/** One CIDR admitted on a protocol and port range; ports undefined means every port. */
export interface CidrIngress {
  readonly cidr: string;
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  /** The prefix list the CIDR is an entry of, when it comes through one. */
  readonly prefixList?: string;
}

/** True for the rule resources whose tier is their security group's (inline rules carry their own). */
export function isSeparateRule(type: string): boolean {
  return type === INGRESS_RULE || type === SG_RULE;
}

function portRange(protocol: string, from: unknown, to: unknown): { fromPort?: number; toPort?: number } {
  // "-1"/"all" opens every port whatever the numbers say; ICMP numbers are types, not ports.
  if (["-1", "all"].includes(protocol)) return {};
  if (typeof from !== "number" || typeof to !== "number") return {};
  return { fromPort: from, toPort: to };
}

function cidrs(read: () => unknown): string[] {
  const value = known(read);
  if (value === UNKNOWN || value === undefined || value === null) return [];
  if (typeof value === "string") return [value];
  if (!Array.isArray(value)) return [];
  return value.map((_, i) => known(() => (read() as unknown[])[i])).filter((c): c is string => typeof c === "string");
}

function protocolOf(value: unknown): string {
  return value === UNKNOWN || value === undefined ? "-1" : String(value).toLowerCase();
}

/** The CIDRs of the lists, each with the list that holds it. */
function listed(lists: PrefixListCidrs[]): { cidr: string; prefixList?: string }[] {
  return lists.flatMap((l) => l.cidrs.map((cidr) => ({ cidr, prefixList: l.list })));
}

const direct = (cidrs: string[]): { cidr: string; prefixList?: string }[] => cidrs.map((cidr) => ({ cidr }));

/**
 * The CIDR ingress a resource grants, through prefix lists too (`lists`: the evaluation's index).
 * Unknown CIDRs (computed from other resources) and list entries whose CIDR is unknown are left out.
 */
export function cidrIngress(r: PolicyResource, lists: PrefixLists): CidrIngress[] {
  const p = r.props;
  switch (r.type) {
    case INGRESS_RULE: {
      const protocol = protocolOf(known(() => p.ipProtocol));
      const ports = portRange(
        protocol,
        known(() => p.fromPort),
        known(() => p.toPort),
      );
      return [
        ...direct([...cidrs(() => p.cidrIpv4), ...cidrs(() => p.cidrIpv6)]),
        ...listed(prefixListsNamed(r, "prefixListId", () => p.prefixListId, lists)),
      ].map((source) => ({ ...source, protocol, ...ports }));
    }
    case SG_RULE: {
      if (known(() => p.type) !== "ingress") return [];
      const protocol = protocolOf(known(() => p.protocol));
      const ports = portRange(
        protocol,
        known(() => p.fromPort),
        known(() => p.toPort),
      );
      return [
        ...direct([...cidrs(() => p.cidrBlocks), ...cidrs(() => p.ipv6CidrBlocks)]),
        ...listed(prefixListsNamed(r, "prefixListIds", () => p.prefixListIds, lists)),
      ].map((source) => ({ ...source, protocol, ...ports }));
    }
    case SECURITY_GROUP:
    case DEFAULT_SECURITY_GROUP: {
      const ingress = known(() => p.ingress);
      if (!Array.isArray(ingress)) return [];
      return ingress.flatMap((_, i) => {
        const protocol = protocolOf(known(() => p.ingress[i].protocol));
        const ports = portRange(
          protocol,
          known(() => p.ingress[i].fromPort),
          known(() => p.ingress[i].toPort),
        );
        return [
          ...direct([...cidrs(() => p.ingress[i].cidrBlocks), ...cidrs(() => p.ingress[i].ipv6CidrBlocks)]),
          ...listed(prefixListsNamed(r, "ingress", () => p.ingress[i].prefixListIds, lists)),
        ].map((source) => ({ ...source, protocol, ...ports }));
      });
    }
  }
  return [];
}

/** Protocols whose "ports" are ICMP types and codes. */
export const PORTLESS_PROTOCOLS = ["icmp", "1", "icmpv6", "58"];

/** True when the ingress admits the port (every port when the range is open). */
export function coversPort(ingress: CidrIngress, port: number): boolean {
  if (ingress.fromPort === undefined || ingress.toPort === undefined) return true;
  return ingress.fromPort <= port && port <= ingress.toPort;
}

export function describeIngress(i: CidrIngress): string {
  const ports =
    i.fromPort === undefined
      ? "all ports"
      : i.fromPort === i.toPort
        ? `port ${i.fromPort}`
        : `ports ${i.fromPort}-${i.toPort}`;
  const via = i.prefixList ? ` in ${i.prefixList}` : "";
  return `${i.cidr}${via} (${i.protocol === "-1" ? "any protocol" : i.protocol}, ${ports})`;
}

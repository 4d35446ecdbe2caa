import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isPublicCidr } from "../lib/cidr";
import { configOf } from "../lib/config";
import { type PrefixLists, prefixListsNamed, prefixListsOf } from "../lib/prefixLists";
import { ownTags, referenced, tierVia } from "../lib/resources";
import { tierListSchema } from "../lib/rule";
import { T } from "../lib/topology";
import { indices, isTrue, known } from "../lib/values";

const DEFAULTS = { aclTiers: ["core", "data"], isolatedTiers: ["data"], privateTiers: ["core", "data"] };
const EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

function strings(read: () => unknown): string[] {
  return indices(known(read))
    .map((i) => known(() => (read() as unknown[])[i]))
    .filter((c): c is string => typeof c === "string");
}

interface Egress {
  /** How a violation names it (a list's block says which list). */
  readonly cidr: string;
  /** The block itself. */
  readonly block: string;
  readonly anyPort: boolean;
}

/** The blocks a rule's prefix lists hold (a list not declared in the stack: any address). */
function listEgress(r: PolicyResource, key: string, lists: PrefixLists, anyPort: boolean): Egress[] {
  return prefixListsNamed(r, key, () => r.props[key], lists).flatMap((l) =>
    l.cidrs.map((cidr) => ({ cidr: `${cidr} in ${l.list}`, block: cidr, anyPort })),
  );
}

function egressOf(r: PolicyResource, lists: PrefixLists): Egress[] {
  if (r.type !== EGRESS_RULE && r.type !== "aws:ec2/securityGroupRule:SecurityGroupRule") return [];
  const p = r.props;
  const protocol = String(known(() => (r.type === EGRESS_RULE ? p.ipProtocol : p.protocol)) ?? "-1");
  const anyPort =
    ["-1", "all"].includes(protocol) || (known(() => p.fromPort) === 0 && known(() => p.toPort) === 65535);
  if (r.type === EGRESS_RULE)
    return [
      ...[known(() => p.cidrIpv4), known(() => p.cidrIpv6)]
        .filter((c): c is string => typeof c === "string")
        .map((cidr) => ({ cidr, block: cidr, anyPort })),
      ...listEgress(r, "prefixListId", lists, anyPort),
    ];
  if (r.type === "aws:ec2/securityGroupRule:SecurityGroupRule" && known(() => p.type) === "egress") {
    return [
      ...[...strings(() => p.cidrBlocks), ...strings(() => p.ipv6CidrBlocks)].map((cidr) => ({
        cidr,
        block: cidr,
        anyPort,
      })),
      ...listEgress(r, "prefixListIds", lists, anyPort),
    ];
  }
  return [];
}

/**
 * S8: firewalls as a second line. Core and data subnets sit behind a network ACL of their own (a
 * security-group mistake is not enough to expose them); the data tier's ACL admits nothing from a public
 * address; no core or data security group sends everything to the internet, and data sends nothing there.
 */
export const privateTiersSecondLine: StackValidationPolicy = {
  name: "private-tiers-behind-acls-and-egress-limits",
  description:
    "Core and data subnets are associated with a network ACL of their own, the data ACL admits no public source, core and data security groups " +
    "allow no all-port egress to the internet, and data allows no internet egress at all.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["exposure", "firewall", "fsbp:EC2.21"],
  configSchema: {
    properties: {
      aclTiers: tierListSchema("Tiers whose subnets need their own network ACL", DEFAULTS.aclTiers),
      isolatedTiers: tierListSchema("Tiers that neither admit nor send internet traffic", DEFAULTS.isolatedTiers),
      privateTiers: tierListSchema("Tiers without all-port internet egress", DEFAULTS.privateTiers),
    },
  },
  validateStack: (args, reportViolation) => {
    const { aclTiers, isolatedTiers, privateTiers } = configOf(args, DEFAULTS);
    const lists = prefixListsOf(args.resources);
    const aclOf = new Map<string, PolicyResource>();
    args.resources
      .filter((r) => r.type === T.networkAcl)
      .forEach((acl) => referenced(acl, "subnetIds", T.subnet).forEach((s) => aclOf.set(s.urn, acl)));
    args.resources
      .filter((r) => r.type === "aws:ec2/networkAclAssociation:NetworkAclAssociation")
      .forEach((a) =>
        referenced(a, "subnetId", T.subnet).forEach((s) =>
          referenced(a, "networkAclId", T.networkAcl).forEach((acl) => aclOf.set(s.urn, acl)),
        ),
      );
    const isolatedAcls = new Set<string>();
    for (const subnet of args.resources.filter((r) => r.type === T.subnet)) {
      const tier = ownTags(subnet).tier;
      if (!tier || !aclTiers.includes(tier)) continue;
      const acl = aclOf.get(subnet.urn);
      if (!acl)
        reportViolation(
          `${subnet.name}: ${tier} subnet on the VPC's default network ACL (allows everything)`,
          subnet.urn,
        );
      else if (isolatedTiers.includes(tier)) isolatedAcls.add(acl.urn);
    }
    for (const r of args.resources) {
      if (
        r.type === T.networkAclRule &&
        !isTrue(known(() => r.props.egress)) &&
        known(() => r.props.ruleAction) === "allow"
      ) {
        const cidr = known(() => r.props.cidrBlock) ?? known(() => r.props.ipv6CidrBlock);
        const acl = referenced(r, "networkAclId", T.networkAcl).find((a) => isolatedAcls.has(a.urn));
        if (acl && typeof cidr === "string" && isPublicCidr(cidr))
          reportViolation(`${r.name}: ${acl.name} admits ${cidr}, a public source, into an isolated tier`, r.urn);
      }
      const egress = egressOf(r, lists).filter((e) => isPublicCidr(e.block));
      if (egress.length === 0) continue;
      const tier = tierVia(r, ["securityGroupId"]);
      if (tier && isolatedTiers.includes(tier))
        reportViolation(
          `${r.name}: the ${tier} tier sends traffic to ${egress.map((e) => e.cidr).join(", ")} on the internet`,
          r.urn,
        );
      else if (tier && privateTiers.includes(tier) && egress.some((e) => e.anyPort))
        reportViolation(
          `${r.name}: the ${tier} tier sends every port to ${egress.map((e) => e.cidr).join(", ")}`,
          r.urn,
        );
    }
  },
};

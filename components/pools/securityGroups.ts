import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Firewall, FirewallRule, GroupRef, groupOf } from "../../lib/model";
import { Tags, tierTags } from "../tags";
import type { SiteAllowLists } from "../network/allowLists";
import { GroupHandle, PeerResolver, RuleTarget } from "./securityRules";

/** A pool's security group and the name its rules are keyed by. */
export interface PoolGroup {
  readonly name: string;
  readonly group: aws.ec2.SecurityGroup;
  /** The account's quota of rules per direction (config `awsQuotas`). */
  readonly maxRules: number;
}

/** A pool's group, its rules from the network model, and the groups those rules reference. */
export interface PoolFirewall {
  readonly group: PoolGroup;
  readonly rules: readonly FirewallRule[];
  readonly resolve: PeerResolver;
}

/** A pool group as the target of its rule resources. */
export function ruleTarget(pool: PoolGroup): RuleTarget {
  return { name: pool.name, id: pool.group.id, maxRules: pool.maxRules };
}

/** The security groups of a site's pools; created empty first, so each pool can reference the others. */
export interface SitePoolGroups {
  /** The internet-facing web entry (ALB). */
  readonly alb: PoolGroup;
  readonly web: PoolGroup;
  readonly sbc: PoolGroup;
  readonly core: PoolGroup;
}

/**
 * No inline rules (they would fight the rule resources). AWS's default allow-all egress is removed
 * by the provider on creation, so every group allows out only what its pool declares. Descriptions
 * come from the network model (a change replaces the group).
 */
export function createPoolGroups(
  name: string,
  site: string,
  firewall: Firewall,
  vpcId: pulumi.Input<string>,
  tags: Tags,
  maxRules: number,
  parent: pulumi.Resource,
): SitePoolGroups {
  const make = (role: keyof SitePoolGroups): PoolGroup => {
    const groupName = `${name}-${role}`;
    const spec = groupOf(firewall, { site, role });
    return {
      name: groupName,
      maxRules,
      group: new aws.ec2.SecurityGroup(
        groupName,
        { vpcId, description: spec.description, tags: tierTags(tags, spec.tier, groupName) },
        { parent },
      ),
    };
  };
  return { alb: make("alb"), web: make("web"), sbc: make("sbc"), core: make("core") };
}

/**
 * Resolves the references a site's pool rules make: the site's own pool groups, the admin VPN's group
 * and the site's prefix lists.
 */
export function poolGroupResolver(
  site: string,
  groups: SitePoolGroups,
  lists: SiteAllowLists,
  adminVpnGroup?: GroupHandle,
): PeerResolver {
  return {
    group: (ref: GroupRef) => {
      if (ref.site === site && (ref.role === "alb" || ref.role === "web" || ref.role === "sbc" || ref.role === "core"))
        return { name: groups[ref.role].name, id: groups[ref.role].group.id };
      if (ref.role === "adminVpn" && adminVpnGroup) return adminVpnGroup;
      throw new Error(
        `a pool rule of ${site} references the security group ${ref.site}/${ref.role}, which the pools cannot reach`,
      );
    },
    list: (ref) => lists.handle(ref),
  };
}

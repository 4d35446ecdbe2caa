import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags, Tier, tierTags } from "../tags";
import { RuleTarget } from "./securityRules";

/** A pool's security group and the name its rules are keyed by. */
export interface PoolGroup {
  readonly name: string;
  readonly group: aws.ec2.SecurityGroup;
  /** The account's quota of rules per direction (config `awsQuotas`). */
  readonly maxRules: number;
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
 * by the provider on creation, so every group allows out only what its pool declares.
 */
export function createPoolGroups(name: string, vpcId: pulumi.Input<string>, tags: Tags, maxRules: number, parent: pulumi.Resource): SitePoolGroups {
  const make = (key: keyof SitePoolGroups, tier: Tier, description: string): PoolGroup => {
    const groupName = `${name}-${key}`;
    return { name: groupName, maxRules, group: new aws.ec2.SecurityGroup(groupName, { vpcId, description, tags: tierTags(tags, tier, groupName) }, { parent }) };
  };
  return {
    alb: make("alb", "web", "Web entry (ALB): HTTP/HTTPS from Cloudflare only"),
    web: make("web", "web", "Web hosts: HTTP from the site's ALB only"),
    sbc: make("sbc", "sbc", "SBCs: SIP and RTP from configured carriers and customers only"),
    core: make("core", "core", "Core: SIP from SBCs, API from web, other sites, admin VPN"),
  };
}

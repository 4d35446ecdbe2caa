// Security-group rules as resources: one per rule of the network model (lib/model/firewall.ts).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Direction, FirewallRule, GroupRef, ListRef } from "../../lib/model";
import type { ListHandle } from "../network/allowLists";
import { Tags } from "../tags";

/** A security group as rules name and reference it. */
export interface GroupHandle {
  /** The name its rule resources are keyed by. */
  readonly name: string;
  readonly id: pulumi.Input<string>;
}

/** The groups and the site's prefix lists a set of rules may reference, by their model reference. */
export interface PeerResolver {
  readonly group: (ref: GroupRef) => GroupHandle;
  readonly list: (ref: ListRef) => ListHandle;
}

/** A security group, the name its rules are keyed by, and the account's quota of rules per direction. */
export interface RuleTarget extends GroupHandle {
  /** config `awsQuotas.securityGroupRulesPerDirection`. */
  readonly maxRules: number;
}

function peerName(rule: FirewallRule, resolve: PeerResolver): string {
  switch (rule.peer.kind) {
    case "published":
      throw new Error(
        `rule "${rule.description}" still names the published list ${rule.peer.list}; expand it first (withPublished)`,
      );
    case "cidr":
      return rule.peer.cidr.replace(/[./]/g, "-");
    case "group":
      return `sg-${resolve.group(rule.peer.group).name}`;
    case "list":
      return `pl-${rule.peer.list.list}`;
  }
}

/** What AWS counts of a rule against its group's quota: one, or a prefix list's max entries. */
function ruleWeight(rule: FirewallRule, resolve: PeerResolver): number {
  return rule.peer.kind === "list" ? resolve.list(rule.peer.list).maxEntries : 1;
}

function ruleKey(rule: FirewallRule, resolve: PeerResolver): string {
  const peer = peerName(rule, resolve);
  const ports = rule.fromPort === rule.toPort ? `${rule.fromPort}` : `${rule.fromPort}-${rule.toPort}`;
  return `${peer}-${rule.protocol}-${ports}`;
}

/**
 * The rules a group will get, keyed by peer and ports. Refuses more rules than a security group
 * takes (a rule on a prefix list counts its max entries, as AWS counts it), naming the group: config
 * validation counts the same rules, but the published lists (e.g. Cloudflare's ranges) are only known
 * when the program runs, so this stops the preview instead of the apply.
 */
export function planRules(
  target: RuleTarget,
  direction: Direction,
  rules: readonly FirewallRule[],
  resolve: PeerResolver,
): Map<string, FirewallRule> {
  const keyed = new Map(rules.map((rule) => [ruleKey(rule, resolve), rule]));
  const counted = [...keyed.values()].reduce((n, rule) => n + ruleWeight(rule, resolve), 0);
  if (counted > target.maxRules) {
    throw new Error(
      `security group ${target.name} needs ${counted} ${direction === "in" ? "ingress" : "egress"} rules; ` +
        `the account allows ${target.maxRules} per direction (raise the quota in Service Quotas and callmyway-network:awsQuotas.securityGroupRulesPerDirection, or shorten the allowlists)`,
    );
  }
  return keyed;
}

/** One rule resource per model rule of the target group, in both directions. */
export function createRules(
  target: RuleTarget,
  rules: readonly FirewallRule[],
  resolve: PeerResolver,
  tags: Tags,
  parent: pulumi.Resource,
  /** The region's provider, when the parent is not in the rules' region. */
  provider?: aws.Provider,
): void {
  (["in", "out"] as const).forEach((direction) =>
    planRules(
      target,
      direction,
      rules.filter((r) => r.direction === direction),
      resolve,
    ).forEach((rule, key) => {
      const args = {
        securityGroupId: target.id,
        ipProtocol: rule.protocol,
        fromPort: rule.fromPort,
        toPort: rule.toPort,
        cidrIpv4: rule.peer.kind === "cidr" ? rule.peer.cidr : undefined,
        referencedSecurityGroupId: rule.peer.kind === "group" ? resolve.group(rule.peer.group).id : undefined,
        prefixListId: rule.peer.kind === "list" ? resolve.list(rule.peer.list).id : undefined,
        description: rule.description,
        tags,
      };
      const name = `${target.name}-${direction}-${key}`;
      if (direction === "in") new aws.vpc.SecurityGroupIngressRule(name, args, { parent, provider });
      else new aws.vpc.SecurityGroupEgressRule(name, args, { parent, provider });
    }),
  );
}

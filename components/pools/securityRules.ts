import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../tags";

export type Protocol = "tcp" | "udp";

/** One rule: a protocol and port range from (ingress) or to (egress) one CIDR or one security group. */
export interface PortRule {
  readonly protocol: Protocol;
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidr?: string;
  readonly group?: { readonly name: string; readonly id: pulumi.Input<string> };
  /** Who and why, shown in the console next to the rule. */
  readonly description: string;
}

/** A security group, the name its rules are keyed by, and the account's quota of rules per direction. */
export interface RuleTarget {
  readonly name: string;
  readonly id: pulumi.Input<string>;
  /** config `awsQuotas.securityGroupRulesPerDirection`. */
  readonly maxRules: number;
}

function ruleKey(rule: PortRule): string {
  const peer = rule.cidr !== undefined ? rule.cidr.replace(/[./]/g, "-") : `sg-${rule.group!.name}`;
  const ports = rule.fromPort === rule.toPort ? `${rule.fromPort}` : `${rule.fromPort}-${rule.toPort}`;
  return `${peer}-${rule.protocol}-${ports}`;
}

/**
 * The rules a group will get, keyed by peer and ports: the same peer and ports listed twice (e.g. a
 * CIDR shared by two customers) is one rule. Refuses more rules than a security group takes,
 * naming the group, so an oversized allowlist fails at preview instead of at apply.
 */
export function planRules(groupName: string, direction: "in" | "out", rules: readonly PortRule[], maxRules: number): Map<string, PortRule> {
  const unique = new Map<string, PortRule>();
  rules.forEach((rule) => {
    if ((rule.cidr === undefined) === (rule.group === undefined)) throw new Error(`rule "${rule.description}" of ${groupName} needs exactly one of cidr or group`);
    if (!unique.has(ruleKey(rule))) unique.set(ruleKey(rule), rule);
  });
  if (unique.size > maxRules) {
    throw new Error(
      `security group ${groupName} needs ${unique.size} ${direction === "in" ? "ingress" : "egress"} rules; ` +
        `the account allows ${maxRules} per direction (raise the quota in Service Quotas and callmyway-network:awsQuotas.securityGroupRulesPerDirection, or shorten the allowlists)`,
    );
  }
  return unique;
}

/** One rule resource per peer and port range, each described (see planRules). */
export function createRules(
  target: RuleTarget,
  direction: "in" | "out",
  rules: readonly PortRule[],
  tags: Tags,
  parent: pulumi.Resource,
  /** The region's provider, when the parent is not in the rules' region. */
  provider?: aws.Provider,
): void {
  const { name: groupName, id: groupId } = target;
  planRules(groupName, direction, rules, target.maxRules).forEach((rule, key) => {
    const args = {
      securityGroupId: groupId,
      ipProtocol: rule.protocol,
      fromPort: rule.fromPort,
      toPort: rule.toPort,
      cidrIpv4: rule.cidr,
      referencedSecurityGroupId: rule.group?.id,
      description: rule.description,
      tags,
    };
    const name = `${groupName}-${direction}-${key}`;
    if (direction === "in") new aws.vpc.SecurityGroupIngressRule(name, args, { parent, provider });
    else new aws.vpc.SecurityGroupEgressRule(name, args, { parent, provider });
  });
}

/** SIP signalling ports: 5060 over UDP and TCP, 5061 for SIP over TLS. */
export const SIP_PORTS: readonly { protocol: Protocol; port: number; label: string }[] = [
  { protocol: "udp", port: 5060, label: "SIP/UDP" },
  { protocol: "tcp", port: 5060, label: "SIP/TCP" },
  { protocol: "tcp", port: 5061, label: "SIP/TLS" },
];

/** HTTPS to anywhere: OS packages (Red Hat update infrastructure), agent downloads, AWS APIs. */
export function httpsEgress(purpose = "HTTPS egress: packages, agents, AWS APIs"): PortRule {
  return { protocol: "tcp", fromPort: 443, toPort: 443, cidr: "0.0.0.0/0", description: purpose };
}

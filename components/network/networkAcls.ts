import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../tags";

/** One rule of a network ACL; rules are numbered in the order given, and the first match wins. */
export interface AclRule {
  /** Default "allow". */
  readonly action?: "allow" | "deny";
  readonly egress: boolean;
  readonly cidr: string;
  /** "-1" for all protocols, "6" TCP, "17" UDP. */
  readonly protocol: "-1" | "6" | "17";
  readonly fromPort?: number;
  readonly toPort?: number;
  /** Why the rule exists (kept in the plan and the resource name). */
  readonly purpose: string;
}

/**
 * A network ACL as the second line behind security groups: anything not listed is denied by the
 * ACL's implicit final rule. Each rule is its own resource so a change shows up as one line in review.
 */
export function createNetworkAcl(
  name: string,
  vpcId: pulumi.Input<string>,
  subnetIds: pulumi.Input<string>[],
  rules: AclRule[],
  tags: Tags,
  parent: pulumi.Resource,
): aws.ec2.NetworkAcl {
  const acl = new aws.ec2.NetworkAcl(name, { vpcId, subnetIds, tags: { ...tags, Name: name } }, { parent });
  const counters = { ingress: 100, egress: 100 };
  rules.forEach((rule) => {
    const direction = rule.egress ? "egress" : "ingress";
    const ruleNumber = counters[direction];
    counters[direction] += 10;
    new aws.ec2.NetworkAclRule(
      `${name}-${direction}-${ruleNumber}`,
      {
        networkAclId: acl.id,
        ruleNumber,
        egress: rule.egress,
        protocol: rule.protocol,
        ruleAction: rule.action ?? "allow",
        cidrBlock: rule.cidr,
        fromPort: rule.protocol === "-1" ? 0 : rule.fromPort,
        toPort: rule.protocol === "-1" ? 0 : rule.toPort,
      },
      { parent: acl },
    );
  });
  return acl;
}

/** Both directions for every CIDR, all protocols. */
export function bothWays(cidrs: string[], action: "allow" | "deny", purpose: string): AclRule[] {
  return cidrs.flatMap((cidr) => [
    { egress: false, cidr, protocol: "-1" as const, action, purpose },
    { egress: true, cidr, protocol: "-1" as const, action, purpose },
  ]);
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags, tierTags } from "../tags";

/**
 * How fast a dead core host leaves rotation: a TCP health check every 5 s (the least NLB allows,
 * 5-300) and 2 failures (the least, 2-10) withdraw it within about 10 s; 2 successes bring it back
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html).
 * Deregistration waits 10 s, not the default 300, so a scale-in does not hold SIP transactions on a
 * leaving host for minutes (0-3600 s, https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html).
 */
export const CORE_SIP_HEALTH = { interval: 5, timeout: 2, healthyThreshold: 2, unhealthyThreshold: 2 } as const;
export const CORE_SIP_DEREGISTRATION_SECONDS = 10;

export interface CoreSipBalancerArgs {
  readonly vpcId: pulumi.Input<string>;
  /** The private core subnets, one per AZ: the balancer's nodes sit beside the core hosts. */
  readonly subnetIds: pulumi.Input<string>[];
  /** SIP port of the core tier (ports.coreSip), over UDP and TCP. */
  readonly port: number;
  readonly tags: Tags;
}

/**
 * The name the SBCs reach the core by (S6, S15): an internal Network Load Balancer in the core
 * subnets, SIP over UDP and TCP on one TCP_UDP listener, in front of the core Auto Scaling group.
 * No security group on the balancer: instance targets keep the client's address (always, for UDP),
 * so the core's own group judges the SBCs' addresses, and the health checks come from the balancer's
 * addresses in the core subnets (docs/ARCHITECTURE.md, "Core SIP behind an internal NLB").
 */
/** `pool` names the core pool: the balancer is `<pool>-sip`, its target group `<pool>-hosts` like web's (ELB's 32-character names). */
export function createCoreSipBalancer(
  pool: string,
  args: CoreSipBalancerArgs,
  parent: pulumi.Resource,
): { balancer: aws.lb.LoadBalancer; targetGroup: aws.lb.TargetGroup } {
  const name = `${pool}-sip`;
  const tags = tierTags(args.tags, "core", name);
  const balancer = new aws.lb.LoadBalancer(
    name,
    {
      loadBalancerType: "network",
      internal: true,
      subnets: args.subnetIds,
      // Any SBC reaches every healthy core host, whichever AZ either is in.
      enableCrossZoneLoadBalancing: true,
      enableDeletionProtection: true,
      tags,
    },
    { parent },
  );
  const targetGroup = new aws.lb.TargetGroup(
    `${pool}-hosts`,
    {
      vpcId: args.vpcId,
      port: args.port,
      protocol: "TCP_UDP",
      targetType: "instance",
      deregistrationDelay: CORE_SIP_DEREGISTRATION_SECONDS,
      healthCheck: { protocol: "TCP", port: "traffic-port", ...CORE_SIP_HEALTH },
      tags,
    },
    { parent: balancer },
  );
  new aws.lb.Listener(
    name,
    {
      loadBalancerArn: balancer.arn,
      port: args.port,
      protocol: "TCP_UDP",
      defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
      tags,
    },
    { parent: balancer },
  );
  return { balancer, targetGroup };
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags, tierTags } from "../tags";
import { PoolHostsArgs, createPoolGroup, createPoolLaunchTemplate } from "./poolHosts";
import { CapacityRules, createScalingRules } from "./scaling";
import { PoolFirewall, ruleTarget } from "./securityGroups";
import { createRules } from "./securityRules";
import { BACKUP_TAGS } from "../backup/selectionTag";
import { createCoreSipBalancer } from "./coreSipBalancer";

export interface CorePoolArgs {
  /** Hosts: release, instance type, agent configuration (security group and tags are set here). */
  readonly hosts: Omit<PoolHostsArgs, "securityGroupId" | "tags">;
  /** Hosts at least (>= 2); no desired count, scaling owns it. */
  readonly min: number;
  /** Hosts at most. */
  readonly max: number;
  /** Design load and scale-out threshold (CPU percent). */
  readonly capacity: CapacityRules;
  /** Private core subnets, one per AZ. */
  readonly subnetIds: pulumi.Input<string>[];
  /** The site's VPC (the SIP balancer's target group lives in it). */
  readonly vpcId: pulumi.Input<string>;
  /** Where the core receives SIP (ports.coreSip): the balancer listens and forwards there. */
  readonly sipPort: number;
  /**
   * The core's security group (created empty by the site) and its rules from the network model:
   * SIP with the SBCs and the other sites, the API for the web hosts, the other sites and admins.
   */
  readonly firewall: PoolFirewall;
  /** NOC topic the scale-out alarm notifies. */
  readonly nocTopicArn: pulumi.Input<string>;
  /** Name of the escalation level that topic belongs to (tags the alarms). */
  readonly nocLevel: string;
  /** Site tags. */
  readonly tags: Tags;
}

/**
 * A site's core tier (S2, S4, S6): an Auto Scaling group in the private core subnets, health
 * checks of its SIP balancer, the same capacity rules as web. Reachable only on its SIP port from the SBCs and the
 * other sites, on its API port from the web hosts, the other sites and the admin VPN.
 */
export class CorePool extends pulumi.ComponentResource {
  readonly group: aws.autoscaling.Group;
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  readonly scaleOutAlarm: aws.cloudwatch.MetricAlarm;
  /** The internal NLB the SBCs send SIP to: its DNS name is the core's only address they know. */
  readonly sipBalancer: aws.lb.LoadBalancer;
  readonly sipTargetGroup: aws.lb.TargetGroup;

  constructor(name: string, args: CorePoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:pools:CorePool", name, {}, opts);
    const tags = tierTags(args.tags, "core");
    const core = args.firewall.group;
    createRules(ruleTarget(core), args.firewall.rules, args.firewall.resolve, tags, this);

    this.launchTemplate = createPoolLaunchTemplate(
      `${name}-hosts`,
      { ...args.hosts, securityGroupId: core.group.id, tags, volumeTags: BACKUP_TAGS },
      this,
    );
    const sip = createCoreSipBalancer(
      name,
      { vpcId: args.vpcId, subnetIds: args.subnetIds, port: args.sipPort, tags: args.tags },
      this,
    );
    this.sipBalancer = sip.balancer;
    this.sipTargetGroup = sip.targetGroup;
    this.group = createPoolGroup(
      `${name}-hosts`,
      {
        min: args.min,
        max: args.max,
        subnetIds: args.subnetIds,
        launchTemplate: this.launchTemplate,
        // A host the SIP balancer finds dead is replaced, not only withdrawn.
        healthCheckType: "ELB",
        // Each host registers with the SIP balancer as it launches and leaves it as it ends.
        targetGroupArns: [this.sipTargetGroup.arn],
        tags,
      },
      this,
    );

    this.scaleOutAlarm = createScalingRules(
      `${name}-hosts`,
      this.group.name,
      args.capacity,
      { topicArn: args.nocTopicArn, level: args.nocLevel },
      tags,
      this,
    ).alarm;

    this.registerOutputs({ groupName: this.group.name, sipDnsName: this.sipBalancer.dnsName });
  }
}

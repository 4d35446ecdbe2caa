import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags, tierTags } from "../tags";
import { PoolHostsArgs, createPoolGroup, createPoolLaunchTemplate } from "./poolHosts";
import { CapacityRules, createScalingRules } from "./scaling";
import { PoolFirewall, ruleTarget } from "./securityGroups";
import { createRules } from "./securityRules";
import { BACKUP_TAGS } from "../backup/selectionTag";

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
 * A site's core tier (S2, S4, S6): an Auto Scaling group in the private core subnets, EC2 health
 * checks, the same capacity rules as web. Reachable only on its SIP port from the SBCs and the
 * other sites, on its API port from the web hosts, the other sites and the admin VPN.
 */
export class CorePool extends pulumi.ComponentResource {
  readonly group: aws.autoscaling.Group;
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  readonly scaleOutAlarm: aws.cloudwatch.MetricAlarm;

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
    this.group = createPoolGroup(
      `${name}-hosts`,
      {
        min: args.min,
        max: args.max,
        subnetIds: args.subnetIds,
        launchTemplate: this.launchTemplate,
        healthCheckType: "EC2",
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

    this.registerOutputs({ groupName: this.group.name });
  }
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RhelRelease } from "../../config";
import type { SbcSlotRelease } from "../../lib/rollout/sbcSlots";
import { Tags, tierTags } from "../tags";
import { ROOT_VOLUME_GB } from "./launchTemplate";
import { PoolHostsArgs, createPoolLaunchTemplate, latestVersion, releaseTags } from "./poolHosts";
import { pinnedImageId } from "./rhelImage";
import { PoolFirewall, ruleTarget } from "./securityGroups";
import { createRules } from "./securityRules";

export interface SbcPoolArgs {
  /** Hosts: instance type, agent configuration (the image is per slot; security group and tags are set here). */
  readonly hosts: Omit<PoolHostsArgs, "securityGroupId" | "tags" | "release">;
  /**
   * The fixed slots (>= 2; their public IPs are registered with carriers), each with the release it runs
   * (lib/rollout/sbcSlots.ts): a slot's image changes only when the rollout moves that slot.
   */
  readonly slots: readonly (SbcSlotRelease & { readonly release: RhelRelease })[];
  /** Public edge subnets, one per AZ; slot i goes to subnet i mod AZs. */
  readonly edgeSubnetIds: pulumi.Input<string>[];
  /** The SBCs' security group (created empty by the site) and its rules from the network model. */
  readonly firewall: PoolFirewall;
  /** CPU percent at which the NOC is told a slot must be added. */
  readonly scaleOutPercent: number;
  /** NOC topic for the capacity and recovery alarms. */
  readonly nocTopicArn: pulumi.Input<string>;
  /** Name of the escalation level that topic belongs to (tags the alarms). */
  readonly nocLevel: string;
  /** Put each Elastic IP under AWS Shield Advanced (needs the subscription); default false. */
  readonly shieldAdvanced?: boolean;
  /** Site tags. */
  readonly tags: Tags;
}

/** One SBC slot: the host and the address carriers know it by. */
export interface SbcSlot {
  readonly slot: number;
  readonly instance: aws.ec2.Instance;
  readonly eip: aws.ec2.Eip;
  readonly recoverAlarm: aws.cloudwatch.MetricAlarm;
  readonly cpuAlarm: aws.cloudwatch.MetricAlarm;
}

/**
 * A site's SBCs (S2, S5, S8): a fixed number of EC2 instances spread over the edge subnets' AZs,
 * each with an Elastic IP. A failed host is recovered in place by a CloudWatch alarm on the system
 * status check: auto-recovery keeps the instance id, private IP and Elastic IP, so the address
 * carriers allowlist never changes. Open only to configured carriers and customers.
 */
export class SbcPool extends pulumi.ComponentResource {
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  readonly slots: SbcSlot[];

  constructor(name: string, args: SbcPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:pools:SbcPool", name, {}, opts);
    if (args.edgeSubnetIds.length === 0) throw new Error(`${name}: no edge subnets to place SBCs in`);
    if (args.slots.length < 2) throw new Error(`${name}: at least two SBCs are needed, got ${args.slots.length}`);
    const tags = tierTags(args.tags, "sbc");
    const sbc = args.firewall.group;
    const region = args.hosts.region;
    createRules(ruleTarget(sbc), args.firewall.rules, args.firewall.resolve, tags, this);

    // The SBC's group goes on the instance's network interface, not in the template (see below). The
    // template names no image: each slot names its own, so a release change reaches the template of no
    // slot that has not moved (a new template version would replace every SBC launched from it).
    this.launchTemplate = createPoolLaunchTemplate(name, { ...args.hosts, tags }, this);
    const partition = aws.getPartitionOutput({}, { parent: this }).partition;
    const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;

    this.slots = args.slots.map((release, slot) => {
      const slotName = `${name}-${slot + 1}`;
      const slotTags = { ...tierTags(args.tags, "sbc", slotName), "sbc-slot": String(slot + 1) };
      const instance = new aws.ec2.Instance(
        slotName,
        {
          launchTemplate: { id: this.launchTemplate.id, version: latestVersion(this.launchTemplate) },
          // The slot's own pinned image: a new one replaces this SBC only, once drained; its Elastic IP then
          // moves to the replacement (docs/ARCHITECTURE.md, "Replacing an SBC").
          ami: pinnedImageId(release.release, region),
          // Repeated from the template so that policies and reviews see the SBC's type on the instance.
          instanceType: args.hosts.instanceType,
          subnetId: args.edgeSubnetIds[slot % args.edgeSubnetIds.length],
          // A public address from the first boot, so the boot reaches the package repositories and AWS
          // before the Elastic IP association (which then replaces it). Setting it makes the provider send a
          // network interface carrying the instance's groups, so the groups are here and not in the template:
          // EC2 refuses a network interface beside template groups (InvalidParameterCombination,
          // https://github.com/hashicorp/terraform-provider-aws/issues/32614).
          associatePublicIpAddress: true,
          vpcSecurityGroupIds: [sbc.group.id],
          // Repeated from the template so that the instance itself is seen hardened (IMDSv2, encrypted root).
          metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
          rootBlockDevice: {
            volumeType: "gp3",
            volumeSize: ROOT_VOLUME_GB,
            encrypted: true,
            deleteOnTermination: true,
          },
          tags: {
            ...slotTags,
            ...releaseTags(release.release),
            "sbc-packages": `kamailio-${release.packages.kamailio} rtpengine-${release.packages.rtpengine}`,
            // Read by the plan diff's step check: a slot replaced while not drained drops its calls.
            "sbc-drained": String(release.drained),
          },
        },
        { parent: this },
      );
      const eip = new aws.ec2.Eip(slotName, { domain: "vpc", tags: slotTags }, { parent: this });
      new aws.ec2.EipAssociation(
        slotName,
        { allocationId: eip.allocationId, instanceId: instance.id },
        { parent: eip },
      );
      if (args.shieldAdvanced) {
        // Shield names an Elastic IP by its allocation, not by the provider's `arn` (elastic-ip/...):
        // https://docs.aws.amazon.com/waf/latest/DDOSAPIReference/API_CreateProtection.html
        const resourceArn = pulumi.interpolate`arn:${partition}:ec2:${region}:${accountId}:eip-allocation/${eip.allocationId}`;
        new aws.shield.Protection(slotName, { name: slotName, resourceArn, tags: slotTags }, { parent: eip });
      }
      const recoverAlarm = new aws.cloudwatch.MetricAlarm(
        `${slotName}-recover`,
        {
          alarmDescription: `${slotName}: system status check failed; recovering the instance in place (same id, private IP and Elastic IP)`,
          namespace: "AWS/EC2",
          metricName: "StatusCheckFailed_System",
          dimensions: { InstanceId: instance.id },
          statistic: "Maximum",
          period: 60,
          evaluationPeriods: 2,
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          alarmActions: [`arn:aws:automate:${region}:ec2:recover`, args.nocTopicArn],
          okActions: [args.nocTopicArn],
          tags: { ...slotTags, "escalation-level": args.nocLevel },
        },
        { parent: instance },
      );
      const cpuAlarm = new aws.cloudwatch.MetricAlarm(
        `${slotName}-cpu-scale-out`,
        {
          alarmDescription: `${slotName}: CPU at or above ${args.scaleOutPercent}%: add an SBC slot in config (pools.sbc.count) and register its IP with the carriers`,
          namespace: "AWS/EC2",
          metricName: "CPUUtilization",
          dimensions: { InstanceId: instance.id },
          statistic: "Average",
          period: 60,
          evaluationPeriods: 5,
          threshold: args.scaleOutPercent,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          alarmActions: [args.nocTopicArn],
          okActions: [args.nocTopicArn],
          tags: { ...slotTags, "escalation-level": args.nocLevel },
        },
        { parent: instance },
      );
      return { slot, instance, eip, recoverAlarm, cpuAlarm };
    });

    this.registerOutputs({ publicIps: this.slots.map((s) => s.eip.publicIp) });
  }
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ruleTarget } from "./securityGroups";
import { NetworkConfig } from "../../config";
import { Tags, tierTags } from "../tags";
import { ROOT_VOLUME_GB } from "./launchTemplate";
import { PoolHostsArgs, createPoolLaunchTemplate, latestVersion, releaseTags } from "./poolHosts";
import { PoolGroup } from "./securityGroups";
import { PortRule, SIP_PORTS, createRules, httpsEgress } from "./securityRules";

/** Ports a remote party's RTP may use: any unprivileged UDP port (theirs, not ours, so not configurable). */
const REMOTE_RTP = { from: 1024, to: 65535 } as const;

export interface SbcPoolArgs {
  /** Hosts: release, instance type, agent configuration (security group and tags are set here). */
  readonly hosts: Omit<PoolHostsArgs, "securityGroupId" | "tags">;
  /** Fixed number of SBCs (>= 2): their public IPs are registered with carriers. */
  readonly count: number;
  /** Public edge subnets, one per AZ; slot i goes to subnet i mod AZs. */
  readonly edgeSubnetIds: pulumi.Input<string>[];
  /** The SBCs' and the core's security groups (created empty by the site). */
  readonly groups: { readonly sbc: PoolGroup; readonly core: PoolGroup };
  /** Carriers: signalling CIDRs get SIP, media CIDRs get RTP. */
  readonly carriers: NetworkConfig["carriers"];
  /** Customers: their SIP CIDRs get SIP and RTP. */
  readonly customers: NetworkConfig["customers"];
  /** Our RTP port range. */
  readonly rtp: { readonly from: number; readonly to: number };
  /** Port of the core tier's SIP listener (and of the SBCs' core-facing one). */
  readonly coreSipPort: number;
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
    if (args.count < 2) throw new Error(`${name}: at least two SBCs are needed, got ${args.count}`);
    const tags = tierTags(args.tags, "sbc");
    const { sbc } = args.groups;
    const region = args.hosts.region;
    this.createFirewall(args, tags);

    // The SBC's group goes on the instance's network interface, not in the template (see below).
    this.launchTemplate = createPoolLaunchTemplate(name, { ...args.hosts, tags }, this);
    const partition = aws.getPartitionOutput({}, { parent: this }).partition;
    const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;

    this.slots = Array.from({ length: args.count }, (_, slot) => {
      const slotName = `${name}-${slot + 1}`;
      const slotTags = { ...tierTags(args.tags, "sbc", slotName), "sbc-slot": String(slot + 1) };
      const instance = new aws.ec2.Instance(slotName, {
        launchTemplate: { id: this.launchTemplate.id, version: latestVersion(this.launchTemplate) },
        // Named explicitly so that a new pin replaces the SBC; its Elastic IP moves to the replacement.
        ami: this.launchTemplate.imageId,
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
        rootBlockDevice: { volumeType: "gp3", volumeSize: ROOT_VOLUME_GB, encrypted: true, deleteOnTermination: true },
        tags: { ...slotTags, ...releaseTags(args.hosts.release) },
      }, { parent: this });
      const eip = new aws.ec2.Eip(slotName, { domain: "vpc", tags: slotTags }, { parent: this });
      new aws.ec2.EipAssociation(slotName, { allocationId: eip.allocationId, instanceId: instance.id }, { parent: eip });
      if (args.shieldAdvanced) {
        // Shield names an Elastic IP by its allocation, not by the provider's `arn` (elastic-ip/...):
        // https://docs.aws.amazon.com/waf/latest/DDOSAPIReference/API_CreateProtection.html
        const resourceArn = pulumi.interpolate`arn:${partition}:ec2:${region}:${accountId}:eip-allocation/${eip.allocationId}`;
        new aws.shield.Protection(slotName, { name: slotName, resourceArn, tags: slotTags }, { parent: eip });
      }
      const recoverAlarm = new aws.cloudwatch.MetricAlarm(`${slotName}-recover`, {
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
      }, { parent: instance });
      const cpuAlarm = new aws.cloudwatch.MetricAlarm(`${slotName}-cpu-scale-out`, {
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
      }, { parent: instance });
      return { slot, instance, eip, recoverAlarm, cpuAlarm };
    });

    this.registerOutputs({ publicIps: this.slots.map((s) => s.eip.publicIp) });
  }

  /** SIP and RTP only from configured carriers and customers; SIP to and from the core. */
  private createFirewall(args: SbcPoolArgs, tags: Tags) {
    const { sbc, core } = args.groups;
    const sip = (cidr: string, who: string, direction: string): PortRule[] =>
      SIP_PORTS.map((p) => ({ protocol: p.protocol, fromPort: p.port, toPort: p.port, cidr, description: `${p.label} ${direction} ${who}` }));
    const rtp = (cidr: string, who: string, range: { from: number; to: number }, direction: string): PortRule => ({
      protocol: "udp", fromPort: range.from, toPort: range.to, cidr, description: `RTP ${direction} ${who}`,
    });
    const corePeer = (direction: string): PortRule[] =>
      (["udp", "tcp"] as const).map((protocol) => ({
        protocol, fromPort: args.coreSipPort, toPort: args.coreSipPort, group: { name: core.name, id: core.group.id }, description: `SIP/${protocol.toUpperCase()} ${direction} the site's core`,
      }));

    createRules(ruleTarget(sbc), "in", [
      ...args.carriers.flatMap((c) => [
        ...c.signallingCidrs.flatMap((cidr) => sip(cidr, `carrier ${c.name} signalling`, "from")),
        ...c.mediaCidrs.map((cidr) => rtp(cidr, `carrier ${c.name} media`, args.rtp, "from")),
      ]),
      ...args.customers.flatMap((c) => c.sipCidrs.flatMap((cidr) => [...sip(cidr, `customer ${c.name}`, "from"), rtp(cidr, `customer ${c.name}`, args.rtp, "from")])),
      ...corePeer("from"),
    ], tags, this);
    createRules(ruleTarget(sbc), "out", [
      ...args.carriers.flatMap((c) => [
        ...c.signallingCidrs.flatMap((cidr) => sip(cidr, `carrier ${c.name} signalling`, "to")),
        ...c.mediaCidrs.map((cidr) => rtp(cidr, `carrier ${c.name} media`, REMOTE_RTP, "to")),
      ]),
      ...args.customers.flatMap((c) => c.sipCidrs.flatMap((cidr) => [...sip(cidr, `customer ${c.name}`, "to"), rtp(cidr, `customer ${c.name}`, REMOTE_RTP, "to")])),
      ...corePeer("to"),
      httpsEgress(),
    ], tags, this);
  }
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ruleTarget } from "./securityGroups";
import { Tags, tierTags } from "../tags";
import { WebValidationRecords, createWebCertificate } from "./certificate";
import { PoolHostsArgs, createPoolGroup, createPoolLaunchTemplate } from "./poolHosts";
import { CapacityRules, createScalingRules } from "./scaling";
import { PoolGroup } from "./securityGroups";
import { createRules, httpsEgress } from "./securityRules";

/** Port the web hosts serve on behind the ALB (TLS ends at the ALB, inside the VPC). */
export const WEB_TARGET_PORT = 80;

export interface WebPoolArgs {
  /** Hosts: release, instance type, agent configuration (security group and tags are set here). */
  readonly hosts: Omit<PoolHostsArgs, "securityGroupId" | "tags">;
  /** Hosts at least (>= 2); no desired count, scaling owns it. */
  readonly min: number;
  /** Hosts at most. */
  readonly max: number;
  /** Design load and scale-out threshold (CPU percent). */
  readonly capacity: CapacityRules;
  /** The site's VPC (for the target group). */
  readonly vpcId: pulumi.Input<string>;
  /** Private web subnets, one per AZ: where the hosts run. */
  readonly hostSubnetIds: pulumi.Input<string>[];
  /** Public edge subnets, one per AZ: where the ALB's nodes sit. */
  readonly albSubnetIds: pulumi.Input<string>[];
  /** The ALB's, the hosts' and the core's security groups (created empty by the site). */
  readonly groups: { readonly alb: PoolGroup; readonly hosts: PoolGroup; readonly core: PoolGroup };
  /** Cloudflare's published IPv4 ranges: the only sources the ALB accepts. */
  readonly cloudflareIpv4: readonly string[];
  /** Port of the core tier's API. */
  readonly coreApiPort: number;
  /** Web names the certificate covers, and the stack's shared Cloudflare records validating them. */
  readonly certificate: { readonly fqdns: string[]; readonly validationRecords: WebValidationRecords };
  /** Path the ALB health check requests. */
  readonly healthCheckPath: string;
  /** NOC topic the scale-out alarm notifies. */
  readonly nocTopicArn: pulumi.Input<string>;
  /** Name of the escalation level that topic belongs to (tags the alarms). */
  readonly nocLevel: string;
  /** Site tags. */
  readonly tags: Tags;
}

/**
 * A site's web tier (S3, S4, S6): an Auto Scaling group in the private web subnets behind an
 * internet-facing ALB in the edge subnets. HTTPS with an ACM certificate, HTTP redirected. The ALB
 * takes traffic only from Cloudflare's proxies, the hosts only from the ALB. ELB health checks
 * replace hosts the ALB sees failing; a new launch template version rolls the group.
 */
export class WebPool extends pulumi.ComponentResource {
  readonly alb: aws.lb.LoadBalancer;
  readonly targetGroup: aws.lb.TargetGroup;
  readonly group: aws.autoscaling.Group;
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  readonly scaleOutAlarm: aws.cloudwatch.MetricAlarm;

  constructor(name: string, args: WebPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:pools:WebPool", name, {}, opts);
    if (args.cloudflareIpv4.length === 0) throw new Error(`${name}: no Cloudflare IPv4 ranges; the ALB would accept nothing`);
    const tags = tierTags(args.tags, "web");
    const { alb: albGroup, hosts: hostGroup, core: coreGroup } = args.groups;

    createRules(ruleTarget(albGroup), "in", args.cloudflareIpv4.flatMap((cidr) =>
      [80, 443].map((port) => ({ protocol: "tcp" as const, fromPort: port, toPort: port, cidr, description: `${port === 443 ? "HTTPS" : "HTTP (redirected)"} from Cloudflare proxy ${cidr}` })),
    ), tags, this);
    createRules(ruleTarget(albGroup), "out", [
      { protocol: "tcp", fromPort: WEB_TARGET_PORT, toPort: WEB_TARGET_PORT, group: { name: hostGroup.name, id: hostGroup.group.id }, description: "ALB to web hosts" },
    ], tags, this);
    createRules(ruleTarget(hostGroup), "in", [
      { protocol: "tcp", fromPort: WEB_TARGET_PORT, toPort: WEB_TARGET_PORT, group: { name: albGroup.name, id: albGroup.group.id }, description: "HTTP from the site's ALB" },
    ], tags, this);
    createRules(ruleTarget(hostGroup), "out", [
      { protocol: "tcp", fromPort: args.coreApiPort, toPort: args.coreApiPort, group: { name: coreGroup.name, id: coreGroup.group.id }, description: "web hosts to the core API" },
      httpsEgress(),
    ], tags, this);

    const certificateArn = createWebCertificate(`${name}-cert`, {
      fqdns: args.certificate.fqdns,
      validationRecords: args.certificate.validationRecords,
      tags,
    }, this);

    this.alb = new aws.lb.LoadBalancer(`${name}-alb`, {
      loadBalancerType: "application",
      internal: false,
      subnets: args.albSubnetIds,
      securityGroups: [albGroup.group.id],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: true,
      tags: tierTags(args.tags, "web", `${name}-alb`),
    }, { parent: this });

    this.targetGroup = new aws.lb.TargetGroup(`${name}-hosts`, {
      vpcId: args.vpcId,
      port: WEB_TARGET_PORT,
      protocol: "HTTP",
      targetType: "instance",
      deregistrationDelay: 30,
      healthCheck: { path: args.healthCheckPath, protocol: "HTTP", matcher: "200-399", interval: 15, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 2 },
      tags,
    }, { parent: this });

    new aws.lb.Listener(`${name}-https`, {
      loadBalancerArn: this.alb.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificateArn,
      defaultActions: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
      tags,
    }, { parent: this.alb });
    new aws.lb.Listener(`${name}-http`, {
      loadBalancerArn: this.alb.arn,
      port: 80,
      protocol: "HTTP",
      defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
      tags,
    }, { parent: this.alb });

    this.launchTemplate = createPoolLaunchTemplate(`${name}-hosts`, { ...args.hosts, securityGroupId: hostGroup.group.id, tags }, this);
    this.group = createPoolGroup(`${name}-hosts`, {
      min: args.min,
      max: args.max,
      subnetIds: args.hostSubnetIds,
      launchTemplate: this.launchTemplate,
      healthCheckType: "ELB",
      targetGroupArns: [this.targetGroup.arn],
      tags,
    }, this);

    this.scaleOutAlarm = createScalingRules(`${name}-hosts`, this.group.name, args.capacity, { topicArn: args.nocTopicArn, level: args.nocLevel }, tags, this).alarm;

    this.registerOutputs({ albDnsName: this.alb.dnsName, groupName: this.group.name });
  }
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { WEB_TARGET_PORT } from "../../lib/model";
import { Tags, tierTags } from "../tags";
import { ValidationRecordSource, createWebCertificate } from "./certificate";
import { PoolHostsArgs, createPoolGroup, createPoolLaunchTemplate } from "./poolHosts";
import { CapacityRules, createScalingRules } from "./scaling";
import { PoolFirewall, ruleTarget } from "./securityGroups";
import { createRules } from "./securityRules";

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
  /**
   * The ALB's and the hosts' security groups (created empty by the site) with their rules from the
   * network model, Cloudflare's published ranges expanded: the only sources the ALB accepts.
   */
  readonly firewall: { readonly alb: PoolFirewall; readonly hosts: PoolFirewall };
  /** Web names the certificate covers, and the stack's shared Cloudflare records validating them. */
  readonly certificate: { readonly fqdns: string[]; readonly validationRecords: ValidationRecordSource };
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
    const tags = tierTags(args.tags, "web");
    const { alb, hosts } = args.firewall;
    if (!alb.rules.some((r) => r.direction === "in"))
      throw new Error(`${name}: no Cloudflare IPv4 ranges; the ALB would accept nothing`);
    const albGroup = alb.group;
    const hostGroup = hosts.group;
    createRules(ruleTarget(albGroup), alb.rules, alb.resolve, tags, this);
    createRules(ruleTarget(hostGroup), hosts.rules, hosts.resolve, tags, this);

    const certificateArn = createWebCertificate(
      `${name}-cert`,
      {
        fqdns: args.certificate.fqdns,
        validationRecords: args.certificate.validationRecords,
        tags,
      },
      this,
    );

    this.alb = new aws.lb.LoadBalancer(
      `${name}-alb`,
      {
        loadBalancerType: "application",
        internal: false,
        subnets: args.albSubnetIds,
        securityGroups: [albGroup.group.id],
        dropInvalidHeaderFields: true,
        enableDeletionProtection: true,
        tags: tierTags(args.tags, "web", `${name}-alb`),
      },
      { parent: this },
    );

    this.targetGroup = new aws.lb.TargetGroup(
      `${name}-hosts`,
      {
        vpcId: args.vpcId,
        port: WEB_TARGET_PORT,
        protocol: "HTTP",
        targetType: "instance",
        deregistrationDelay: 30,
        healthCheck: {
          path: args.healthCheckPath,
          protocol: "HTTP",
          matcher: "200-399",
          interval: 15,
          timeout: 5,
          healthyThreshold: 2,
          unhealthyThreshold: 2,
        },
        tags,
      },
      { parent: this },
    );

    new aws.lb.Listener(
      `${name}-https`,
      {
        loadBalancerArn: this.alb.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        certificateArn,
        defaultActions: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
        tags,
      },
      { parent: this.alb },
    );
    new aws.lb.Listener(
      `${name}-http`,
      {
        loadBalancerArn: this.alb.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
        tags,
      },
      { parent: this.alb },
    );

    this.launchTemplate = createPoolLaunchTemplate(
      `${name}-hosts`,
      { ...args.hosts, securityGroupId: hostGroup.group.id, tags },
      this,
    );
    this.group = createPoolGroup(
      `${name}-hosts`,
      {
        min: args.min,
        max: args.max,
        subnetIds: args.hostSubnetIds,
        launchTemplate: this.launchTemplate,
        healthCheckType: "ELB",
        targetGroupArns: [this.targetGroup.arn],
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

    this.registerOutputs({ albDnsName: this.alb.dnsName, groupName: this.group.name });
  }
}

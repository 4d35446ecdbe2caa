import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RhelRelease } from "../../config";
import { Tags } from "../tags";
import { createInstanceProfile } from "./instanceRole";
import { createHostLaunchTemplate } from "./launchTemplate";
import { pinnedImageId } from "./rhelImage";
import { agentUserData } from "./userData";

/** What every pool says about its hosts. */
export interface PoolHostsArgs {
  /** The validated RHEL release the pool runs; absent when each instance names its own image (SBC slots). */
  readonly release?: RhelRelease;
  /** Region of the site (for the pinned image id and the agents' download buckets). */
  readonly region: string;
  /** EC2 instance type. */
  readonly instanceType: string;
  /** Name of the SSM parameter with the CloudWatch agent configuration (created by the monitoring
   * layer); an output of that parameter, so that no host boots before its configuration exists. */
  readonly agentConfigParameter: pulumi.Input<string>;
  /** The pool's security group; absent when each instance names it on its own network interface (SBCs). */
  readonly securityGroupId?: pulumi.Input<string>;
  /** The pool's tier tags. */
  readonly tags: Tags;
  /** Extra tags for the hosts' volumes only (e.g. the backup selection tag). */
  readonly volumeTags?: Tags;
}

/** Pinned image, host role and hardened launch template of one pool. */
export function createPoolLaunchTemplate(
  name: string,
  args: PoolHostsArgs,
  parent: pulumi.Resource,
): aws.ec2.LaunchTemplate {
  const profile = createInstanceProfile(name, args.tags, parent);
  return createHostLaunchTemplate(
    name,
    {
      imageId: args.release && pinnedImageId(args.release, args.region),
      instanceType: args.instanceType,
      securityGroupIds: args.securityGroupId === undefined ? [] : [args.securityGroupId],
      instanceProfileArn: profile.arn,
      userData: pulumi.output(args.agentConfigParameter).apply((parameter) => agentUserData(args.region, parameter)),
      tags: { ...args.tags, ...(args.release ? releaseTags(args.release) : {}) },
      volumeTags: args.volumeTags,
    },
    parent,
  );
}

/** Launch template version as the ASG and instances expect it: a new version rolls the pool. */
export function latestVersion(template: aws.ec2.LaunchTemplate): pulumi.Output<string> {
  return template.latestVersion.apply((v) => String(v));
}

/**
 * What a host says about its image, for people reading the console and the plan: the validated release
 * and the exact AMI name its pinned id was resolved from by `npm run pin-images`.
 */
export function releaseTags(release: RhelRelease): Tags {
  return { "rhel-release": release.name, "rhel-ami-name": release.amiName };
}

export interface PoolGroupArgs {
  readonly min: number;
  readonly max: number;
  readonly subnetIds: pulumi.Input<string>[];
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  /** "ELB" behind a load balancer (a host failing the target's health check is replaced), else "EC2". */
  readonly healthCheckType: "ELB" | "EC2";
  readonly targetGroupArns?: pulumi.Input<string>[];
  readonly tags: Tags;
}

/**
 * The Auto Scaling group of a scaling pool: no desired capacity (the scaling policies own it), a new
 * launch template version rolls the pool without ever dropping below full capacity, and group
 * metrics feed the dashboards.
 */
export function createPoolGroup(name: string, args: PoolGroupArgs, parent: pulumi.Resource): aws.autoscaling.Group {
  return new aws.autoscaling.Group(
    name,
    {
      minSize: args.min,
      maxSize: args.max,
      vpcZoneIdentifiers: args.subnetIds,
      launchTemplate: { id: args.launchTemplate.id, version: latestVersion(args.launchTemplate) },
      ...(args.targetGroupArns ? { targetGroupArns: args.targetGroupArns } : {}),
      healthCheckType: args.healthCheckType,
      healthCheckGracePeriod: 300,
      instanceRefresh: {
        strategy: "Rolling",
        preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 200, instanceWarmup: "300" },
      },
      enabledMetrics: ["GroupInServiceInstances", "GroupDesiredCapacity", "GroupMinSize", "GroupMaxSize"],
      tags: Object.entries(args.tags).map(([key, value]) => ({ key, value, propagateAtLaunch: false })),
    },
    { parent },
  );
}

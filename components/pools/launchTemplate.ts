import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../tags";

export interface HostLaunchTemplateArgs {
  /** Pinned image id (see rhelImage.ts); absent when each instance names its own (SBC slots, see sbcPool.ts). */
  readonly imageId?: pulumi.Input<string>;
  /** EC2 instance type. */
  readonly instanceType: string;
  /**
   * The pool's security groups; empty when the instance puts them on its own network interface: EC2 refuses a
   * launch that names a network interface while the template carries groups ("If you specify a network
   * interface, you must specify any security groups and subnets as part of the network interface",
   * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-launchtemplate-launchtemplatedata.html).
   */
  readonly securityGroupIds: pulumi.Input<string>[];
  /** Instance profile of the pool's host role. */
  readonly instanceProfileArn: pulumi.Input<string>;
  /** Base64 user data (see userData.ts). */
  readonly userData: pulumi.Input<string>;
  /** Tags for the template and, through tag specifications, the instances and volumes it launches. */
  readonly tags: Tags;
  /** Extra tags for the volumes only. */
  readonly volumeTags?: Tags;
  /** Root volume size in GiB; default 30 (the RHEL images' 10 GiB leaves no room for logs). */
  readonly rootVolumeGb?: number;
}

/** Root volume size when a pool does not say (GiB). */
export const ROOT_VOLUME_GB = 30;

/** Root device of the Red Hat images. */
const RHEL_ROOT_DEVICE = "/dev/sda1";

/**
 * The hardened template every pool launches from: IMDSv2 only with one hop (containers on the host
 * cannot reach the credentials), encrypted gp3 root volume, no key pair (admin access is SSM),
 * tags propagated to instances, volumes and network interfaces. No subnet maps public IPs and no
 * template asks for one: only SBC instances get one (see sbcPool.ts).
 */
export function createHostLaunchTemplate(
  name: string,
  args: HostLaunchTemplateArgs,
  parent: pulumi.Resource,
): aws.ec2.LaunchTemplate {
  return new aws.ec2.LaunchTemplate(
    name,
    {
      description: `${name}: ${args.imageId !== undefined ? "pinned RHEL" : "image per instance"}, IMDSv2, encrypted root`,
      ...(args.imageId !== undefined ? { imageId: args.imageId } : {}),
      instanceType: args.instanceType,
      ...(args.securityGroupIds.length > 0 ? { vpcSecurityGroupIds: args.securityGroupIds } : {}),
      iamInstanceProfile: { arn: args.instanceProfileArn },
      userData: args.userData,
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: "disabled",
      },
      blockDeviceMappings: [
        {
          deviceName: RHEL_ROOT_DEVICE,
          ebs: {
            volumeType: "gp3",
            volumeSize: args.rootVolumeGb ?? ROOT_VOLUME_GB,
            encrypted: "true",
            deleteOnTermination: "true",
          },
        },
      ],
      monitoring: { enabled: true },
      ebsOptimized: "true",
      updateDefaultVersion: true,
      tagSpecifications: [
        { resourceType: "instance", tags: args.tags },
        { resourceType: "volume", tags: { ...args.tags, ...args.volumeTags } },
        { resourceType: "network-interface", tags: args.tags },
      ],
      tags: args.tags,
    },
    { parent },
  );
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../tags";

/** AWS managed policies a pool host needs, and nothing else: Session Manager and the CloudWatch agent. */
export const HOST_MANAGED_POLICIES = {
  ssm: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
  cloudwatchAgent: "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
} as const;

const EC2_ASSUME_ROLE = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/** Role and instance profile of one tier's hosts. */
export function createInstanceProfile(name: string, tags: Tags, parent: pulumi.Resource): aws.iam.InstanceProfile {
  const role = new aws.iam.Role(
    `${name}-host`,
    {
      assumeRolePolicy: EC2_ASSUME_ROLE,
      description: `Hosts of ${name}: SSM Session Manager and the CloudWatch agent only`,
      tags,
    },
    { parent },
  );
  Object.entries(HOST_MANAGED_POLICIES).forEach(
    ([key, policyArn]) =>
      new aws.iam.RolePolicyAttachment(`${name}-host-${key}`, { role: role.name, policyArn }, { parent: role }),
  );
  return new aws.iam.InstanceProfile(`${name}-host`, { role: role.name, tags }, { parent: role });
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../tags";

/**
 * VPC flow logs to CloudWatch Logs (CIS AWS 3.9): every accepted and rejected flow, kept for the
 * retention the SOC needs to investigate an incident. The role can write only to this log group.
 */
export function createFlowLogs(
  name: string,
  vpcId: pulumi.Input<string>,
  tags: Tags,
  retentionDays: number,
  parent: pulumi.Resource,
): aws.ec2.FlowLog {
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-flow-logs`,
    {
      namePrefix: `/callmyway/vpc-flow-logs/${name}-`,
      retentionInDays: retentionDays,
      tags,
    },
    { parent },
  );

  const role = new aws.iam.Role(
    `${name}-flow-logs`,
    {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      }),
      tags,
    },
    { parent },
  );

  new aws.iam.RolePolicy(
    `${name}-flow-logs`,
    {
      role: role.id,
      policy: logGroup.arn.apply((arn) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
              Resource: [arn, `${arn}:*`],
            },
          ],
        }),
      ),
    },
    { parent },
  );

  return new aws.ec2.FlowLog(
    `${name}-flow-logs`,
    {
      vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags,
    },
    { parent },
  );
}

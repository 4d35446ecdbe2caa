import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../tags";

export interface CapacityRules {
  /** CPU percent the pool is sized for at peak (target tracking keeps the average there). */
  readonly designLoadPercent: number;
  /** CPU percent at which capacity is added at once and the NOC is told. */
  readonly scaleOutPercent: number;
}

/**
 * The capacity promise (S6) on an Auto Scaling group: target tracking holds average CPU at the
 * design load; when the average still reaches the scale-out threshold, an alarm adds hosts with a
 * step policy (one host, two past threshold + 20) and notifies the NOC. AWS runs both policies
 * and applies whichever asks for more capacity.
 */
export function createScalingRules(
  name: string,
  groupName: pulumi.Input<string>,
  rules: CapacityRules,
  noc: { readonly topicArn: pulumi.Input<string>; readonly level: string },
  tags: Tags,
  parent: pulumi.Resource,
): { targetTracking: aws.autoscaling.Policy; stepOut: aws.autoscaling.Policy; alarm: aws.cloudwatch.MetricAlarm } {
  const targetTracking = new aws.autoscaling.Policy(
    `${name}-design-load`,
    {
      autoscalingGroupName: groupName,
      policyType: "TargetTrackingScaling",
      targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
        targetValue: rules.designLoadPercent,
      },
    },
    { parent },
  );

  const stepOut = new aws.autoscaling.Policy(
    `${name}-scale-out`,
    {
      autoscalingGroupName: groupName,
      policyType: "StepScaling",
      adjustmentType: "ChangeInCapacity",
      metricAggregationType: "Average",
      estimatedInstanceWarmup: 300,
      // Bounds are relative to the alarm threshold.
      stepAdjustments: [
        { metricIntervalLowerBound: "0", metricIntervalUpperBound: "20", scalingAdjustment: 1 },
        { metricIntervalLowerBound: "20", scalingAdjustment: 2 },
      ],
    },
    { parent },
  );

  const alarm = new aws.cloudwatch.MetricAlarm(
    `${name}-cpu-scale-out`,
    {
      alarmDescription: `${name}: average CPU at or above ${rules.scaleOutPercent}% (design load ${rules.designLoadPercent}%): adding capacity`,
      namespace: "AWS/EC2",
      metricName: "CPUUtilization",
      dimensions: { AutoScalingGroupName: groupName },
      statistic: "Average",
      period: 60,
      evaluationPeriods: 3,
      threshold: rules.scaleOutPercent,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      treatMissingData: "missing",
      alarmActions: [stepOut.arn, noc.topicArn],
      okActions: [noc.topicArn],
      tags: { ...tags, "escalation-level": noc.level },
    },
    { parent },
  );

  return { targetTracking, stepOut, alarm };
}

// Load balancers, Auto Scaling and IAM: what their APIs accept.
import { atLeast, charset, combination, count, exactlyOne, length, oneOf, pattern, range, required } from "../rules";
import type { KindConstraints } from "../types";
import { known } from "../view";
import { jsonDocument } from "./common";
import { awsTags } from "./tags";

const ELB = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference";
const ASG = "https://docs.aws.amazon.com/autoscaling/ec2/APIReference";
const IAM = "https://docs.aws.amazon.com/IAM/latest/APIReference";
const IAM_QUOTAS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html";
const ELB_NAME = /^(?!internal-)(?!-)[a-zA-Z0-9-]{1,32}(?<!-)$/;
const IAM_NAME = /^[\w+=,.@-]+$/;

const lbName = (api: string) =>
  pattern(
    "name",
    ELB_NAME,
    "1 to 32 letters, digits and hyphens, no hyphen at either end, not internal-",
    api,
    "use1-pools-web-alb-1a2b3c4",
    "use1_pools_web_alb",
  );

export const COMPUTE_KINDS: KindConstraints = {
  "aws:lb/loadBalancer:LoadBalancer": [
    lbName(`${ELB}/API_CreateLoadBalancer.html`),
    oneOf("loadBalancerType", ["application", "network", "gateway"], `${ELB}/API_CreateLoadBalancer.html`),
    combination(
      "subnets",
      "an Application Load Balancer needs subnets in at least two Availability Zones",
      `${ELB}/API_CreateLoadBalancer.html`,
      (i) => i.loadBalancerType !== "application" || !Array.isArray(i.subnets) || i.subnets.length >= 2,
      {
        ok: { loadBalancerType: "application", subnets: ["subnet-a", "subnet-b"] },
        bad: { loadBalancerType: "application", subnets: ["subnet-a"] },
      },
    ),
    count("securityGroups", 0, 5, `${ELB}/API_CreateLoadBalancer.html`),
    awsTags(),
  ],
  "aws:lb/targetGroup:TargetGroup": [
    lbName(`${ELB}/API_CreateTargetGroup.html`),
    range("port", 1, 65535, `${ELB}/API_CreateTargetGroup.html`),
    oneOf("protocol", ["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE"], `${ELB}/API_CreateTargetGroup.html`),
    oneOf("targetType", ["instance", "ip", "lambda", "alb"], `${ELB}/API_CreateTargetGroup.html`),
    range("deregistrationDelay", 0, 3600, `${ELB}/API_TargetGroupAttribute.html`),
    range("healthCheck.interval", 5, 300, `${ELB}/API_CreateTargetGroup.html`),
    range("healthCheck.timeout", 2, 120, `${ELB}/API_CreateTargetGroup.html`),
    range("healthCheck.healthyThreshold", 2, 10, `${ELB}/API_CreateTargetGroup.html`),
    range("healthCheck.unhealthyThreshold", 2, 10, `${ELB}/API_CreateTargetGroup.html`),
    pattern(
      "healthCheck.path",
      /^\/.{0,1023}$/,
      "starts with / (at most 1024 characters)",
      `${ELB}/API_CreateTargetGroup.html`,
      "/healthz",
      "healthz",
    ),
    combination(
      "healthCheck",
      "health check timeout shorter than its interval",
      `${ELB}/API_CreateTargetGroup.html`,
      (i) => {
        const hc = i.healthCheck as { timeout?: number; interval?: number } | undefined;
        return !hc || hc.timeout === undefined || hc.interval === undefined || hc.timeout < hc.interval;
      },
      { ok: { healthCheck: { interval: 15, timeout: 5 } }, bad: { healthCheck: { interval: 5, timeout: 5 } } },
    ),
    awsTags(),
  ],
  "aws:lb/listener:Listener": [
    range("port", 1, 65535, `${ELB}/API_CreateListener.html`),
    oneOf("protocol", ["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE"], `${ELB}/API_CreateListener.html`),
    combination(
      "certificateArn",
      "an HTTPS or TLS listener needs a certificate and a security policy",
      `${ELB}/API_CreateListener.html`,
      (i) =>
        !["HTTPS", "TLS"].includes(String(i.protocol)) || (i.certificateArn !== undefined && i.sslPolicy !== undefined),
      {
        ok: {
          protocol: "HTTPS",
          certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x",
          sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        },
        bad: { protocol: "HTTPS" },
      },
    ),
    pattern(
      "sslPolicy",
      /^ELBSecurityPolicy-/,
      "one of the predefined ELBSecurityPolicy-* policies",
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
      "ELBSecurityPolicy-TLS13-1-2-2021-06",
      "TLS1.3",
    ),
    oneOf(
      "defaultActions[].type",
      ["forward", "redirect", "fixed-response", "authenticate-cognito", "authenticate-oidc"],
      `${ELB}/API_Action.html`,
    ),
    oneOf("defaultActions[].redirect.statusCode", ["HTTP_301", "HTTP_302"], `${ELB}/API_RedirectActionConfig.html`),
    required(["loadBalancerArn", "defaultActions"], `${ELB}/API_CreateListener.html`),
    awsTags(),
  ],
  "aws:autoscaling/group:Group": [
    length("name", 1, 255, `${ASG}/API_CreateAutoScalingGroup.html`),
    combination(
      "maxSize",
      "minSize no greater than maxSize",
      `${ASG}/API_CreateAutoScalingGroup.html`,
      (i) => !known(i.minSize) || !known(i.maxSize) || Number(i.minSize) <= Number(i.maxSize),
      {
        ok: { minSize: 3, maxSize: 9 },
        bad: { minSize: 9, maxSize: 3 },
      },
    ),
    oneOf("healthCheckType", ["EC2", "ELB", "VPC_LATTICE", "EBS"], `${ASG}/API_CreateAutoScalingGroup.html`),
    atLeast("healthCheckGracePeriod", 0, `${ASG}/API_CreateAutoScalingGroup.html`),
    oneOf(
      "enabledMetrics[]",
      [
        "GroupMinSize",
        "GroupMaxSize",
        "GroupDesiredCapacity",
        "GroupInServiceInstances",
        "GroupPendingInstances",
        "GroupStandbyInstances",
        "GroupTerminatingInstances",
        "GroupTotalInstances",
        "GroupInServiceCapacity",
        "GroupPendingCapacity",
        "GroupStandbyCapacity",
        "GroupTerminatingCapacity",
        "GroupTotalCapacity",
        "WarmPoolDesiredCapacity",
        "WarmPoolWarmedCapacity",
        "WarmPoolPendingCapacity",
        "WarmPoolTerminatingCapacity",
        "WarmPoolTotalCapacity",
        "GroupAndWarmPoolDesiredCapacity",
        "GroupAndWarmPoolTotalCapacity",
      ],
      `${ASG}/API_EnableMetricsCollection.html`,
    ),
    exactlyOne(
      ["launchTemplate", "launchConfiguration", "mixedInstancesPolicy"],
      `${ASG}/API_CreateAutoScalingGroup.html`,
    ),
    count("vpcZoneIdentifiers", 1, 1000, `${ASG}/API_CreateAutoScalingGroup.html`),
  ],
  "aws:autoscaling/policy:Policy": [
    length("name", 1, 255, `${ASG}/API_PutScalingPolicy.html`),
    oneOf(
      "policyType",
      ["SimpleScaling", "StepScaling", "TargetTrackingScaling", "PredictiveScaling"],
      `${ASG}/API_PutScalingPolicy.html`,
    ),
    oneOf(
      "adjustmentType",
      ["ChangeInCapacity", "ExactCapacity", "PercentChangeInCapacity"],
      `${ASG}/API_PutScalingPolicy.html`,
    ),
    oneOf("metricAggregationType", ["Minimum", "Maximum", "Average"], `${ASG}/API_PutScalingPolicy.html`),
    combination(
      "stepAdjustments",
      "step adjustments only on StepScaling; a target-tracking configuration only on TargetTrackingScaling",
      `${ASG}/API_PutScalingPolicy.html`,
      (i) =>
        (i.policyType === "StepScaling" || !i.stepAdjustments) &&
        (i.policyType === "TargetTrackingScaling" || !i.targetTrackingConfiguration),
      {
        ok: { policyType: "StepScaling", stepAdjustments: [{ scalingAdjustment: 1 }] },
        bad: { policyType: "TargetTrackingScaling", stepAdjustments: [{ scalingAdjustment: 1 }] },
      },
    ),
    atLeast("estimatedInstanceWarmup", 0, `${ASG}/API_PutScalingPolicy.html`),
    required(["autoscalingGroupName"], `${ASG}/API_PutScalingPolicy.html`),
  ],
  "aws:iam/role:Role": [
    length("name", 1, 64, `${IAM}/API_CreateRole.html`),
    pattern(
      "name",
      IAM_NAME,
      "letters, digits and _+=,.@-",
      `${IAM}/API_CreateRole.html`,
      "use1-flow-logs-1a2b3c4",
      "use1 flow logs",
    ),
    length("description", 0, 1000, `${IAM}/API_CreateRole.html`),
    charset(
      "description",
      "\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF",
      "printable Latin-1 characters",
      `${IAM}/API_CreateRole.html`,
      "Flow logs role (use1)",
      "Flow logs role — use1",
    ),
    jsonDocument("assumeRolePolicy", 2048, IAM_QUOTAS),
    required(["assumeRolePolicy"], `${IAM}/API_CreateRole.html`),
    awsTags(),
  ],
  "aws:iam/instanceProfile:InstanceProfile": [
    length("name", 1, 128, `${IAM}/API_CreateInstanceProfile.html`),
    pattern(
      "name",
      IAM_NAME,
      "letters, digits and _+=,.@-",
      `${IAM}/API_CreateInstanceProfile.html`,
      "web-host-1a2b3c4",
      "web host",
    ),
    awsTags(),
  ],
  "aws:iam/rolePolicy:RolePolicy": [
    jsonDocument("policy", 10240, IAM_QUOTAS),
    length("name", 1, 128, `${IAM}/API_PutRolePolicy.html`),
    required(["role", "policy"], `${IAM}/API_PutRolePolicy.html`),
  ],
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": [
    pattern(
      "policyArn",
      /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+$/,
      "a managed policy ARN (arn:aws:iam::aws|<account>:policy/...)",
      `${IAM}/API_AttachRolePolicy.html`,
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
      "AmazonSSMManagedInstanceCore",
    ),
    required(["role", "policyArn"], `${IAM}/API_AttachRolePolicy.html`),
  ],
};

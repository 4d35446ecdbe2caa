// Provider-computed outputs of the server pools' resources, shaped as the AWS provider returns them.
import { MOCK_ACCOUNT_ID, hexFrom, numberFrom } from "./ids";
import { COMPUTED, ResourceContext } from "./resources";

type Inputs = Record<string, any>;

/** The resource's name: the program's, or the auto-name the engine filled in (engine.ts). */
const autoName = (inputs: Inputs, ctx: ResourceContext): string => inputs.name ?? ctx.name;

// The foundation's role mock computes the ARN from the resource name; the provider also returns that name.
const roleOutputs = COMPUTED["aws:iam/role:Role"];

Object.assign(COMPUTED, {
  "aws:iam/role:Role": (inputs: Inputs, ctx: ResourceContext) => ({ ...roleOutputs(inputs, ctx), name: inputs.name ?? ctx.name }),
  "aws:lb/loadBalancer:LoadBalancer": (inputs: Inputs, ctx: ResourceContext) => {
    const name = autoName(inputs, ctx);
    const suffix = `app/${name}/${hexFrom(ctx.name, 16)}`;
    return {
      name,
      arn: `arn:aws:elasticloadbalancing:${ctx.region}:${MOCK_ACCOUNT_ID}:loadbalancer/${suffix}`,
      arnSuffix: suffix,
      dnsName: `${name}-${numberFrom(ctx.name, 2_000_000_000)}.${ctx.region}.elb.amazonaws.com`,
      zoneId: "Z35SXDOTRQ7X7K",
    };
  },
  "aws:lb/targetGroup:TargetGroup": (inputs: Inputs, ctx: ResourceContext) => {
    const name = autoName(inputs, ctx);
    const suffix = `targetgroup/${name}/${hexFrom(ctx.name, 16)}`;
    return { name, arn: `arn:aws:elasticloadbalancing:${ctx.region}:${MOCK_ACCOUNT_ID}:${suffix}`, arnSuffix: suffix };
  },
  // One CNAME per distinct name of the certificate, as ACM returns them (trailing dots included).
  "aws:acm/certificate:Certificate": (inputs: Inputs, ctx: ResourceContext) => {
    const names: string[] = [...new Set<string>([inputs.domainName, ...(inputs.subjectAlternativeNames ?? [])])];
    return {
      arn: `arn:aws:acm:${ctx.region}:${MOCK_ACCOUNT_ID}:certificate/${hexFrom(ctx.name, 8)}-${hexFrom(ctx.name + "/2", 4)}-${hexFrom(ctx.name + "/3", 4)}-${hexFrom(ctx.name + "/4", 4)}-${hexFrom(ctx.name + "/5", 12)}`,
      status: "PENDING_VALIDATION",
      domainValidationOptions: names.map((domainName) => ({
        domainName,
        resourceRecordName: `_${hexFrom(`${ctx.name}/${domainName}`, 32)}.${domainName}.`,
        resourceRecordType: "CNAME",
        resourceRecordValue: `_${hexFrom(`${ctx.name}/${domainName}/value`, 32)}.${hexFrom(domainName, 10)}.acm-validations.aws.`,
      })),
    };
  },
  "aws:acm/certificateValidation:CertificateValidation": (inputs: Inputs) => ({ certificateArn: inputs.certificateArn }),
  "aws:ec2/launchTemplate:LaunchTemplate": (inputs: Inputs, ctx: ResourceContext) => ({
    name: autoName(inputs, ctx),
    latestVersion: 1,
    defaultVersion: 1,
    arn: `arn:aws:ec2:${ctx.region}:${MOCK_ACCOUNT_ID}:launch-template/${ctx.id}`,
  }),
  "aws:autoscaling/group:Group": (inputs: Inputs, ctx: ResourceContext) => {
    const name = autoName(inputs, ctx);
    return { name, arn: `arn:aws:autoscaling:${ctx.region}:${MOCK_ACCOUNT_ID}:autoScalingGroup:${hexFrom(ctx.name, 8)}:autoScalingGroupName/${name}` };
  },
  "aws:autoscaling/policy:Policy": (inputs: Inputs, ctx: ResourceContext) => ({
    name: autoName(inputs, ctx),
    arn: `arn:aws:autoscaling:${ctx.region}:${MOCK_ACCOUNT_ID}:scalingPolicy:${hexFrom(ctx.name, 8)}:autoScalingGroupName/${inputs.autoscalingGroupName}:policyName/${autoName(inputs, ctx)}`,
  }),
  "aws:iam/instanceProfile:InstanceProfile": (inputs: Inputs, ctx: ResourceContext) => ({
    name: autoName(inputs, ctx),
    arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:instance-profile/${autoName(inputs, ctx)}`,
  }),
  "aws:ec2/instance:Instance": (_inputs: Inputs, ctx: ResourceContext) => ({
    arn: `arn:aws:ec2:${ctx.region}:${MOCK_ACCOUNT_ID}:instance/${ctx.id}`,
    privateIp: `10.0.${numberFrom(ctx.name, 250)}.${4 + numberFrom(ctx.name + "/host", 250)}`,
    instanceState: "running",
  }),
  "aws:ec2/securityGroup:SecurityGroup": (_inputs: Inputs, ctx: ResourceContext) => ({
    arn: `arn:aws:ec2:${ctx.region}:${MOCK_ACCOUNT_ID}:security-group/${ctx.id}`,
  }),
  "aws:kms/key:Key": (_inputs: Inputs, ctx: ResourceContext) => {
    const keyId = `${hexFrom(ctx.name, 8)}-${hexFrom(ctx.name + "/2", 4)}-${hexFrom(ctx.name + "/3", 4)}-${hexFrom(ctx.name + "/4", 4)}-${hexFrom(ctx.name + "/5", 12)}`;
    return { keyId, arn: `arn:aws:kms:${ctx.region}:${MOCK_ACCOUNT_ID}:key/${keyId}` };
  },
  "aws:rds/instance:Instance": (inputs: Inputs, ctx: ResourceContext) => {
    const identifier = inputs.identifier ?? ctx.name;
    const address = `${identifier}.${hexFrom(ctx.region, 12)}.${ctx.region}.rds.amazonaws.com`;
    return {
      identifier,
      arn: `arn:aws:rds:${ctx.region}:${MOCK_ACCOUNT_ID}:db:${identifier}`,
      address,
      endpoint: `${address}:${inputs.port ?? 5432}`,
      masterUserSecrets: inputs.manageMasterUserPassword
        ? [{ kmsKeyId: inputs.masterUserSecretKmsKeyId, secretArn: `arn:aws:secretsmanager:${ctx.region}:${MOCK_ACCOUNT_ID}:secret:rds!db-${hexFrom(ctx.name, 8)}`, secretStatus: "active" }]
        : [],
    };
  },
  "aws:rds/subnetGroup:SubnetGroup": (inputs: Inputs, ctx: ResourceContext) => ({ name: autoName(inputs, ctx) }),
  "aws:rds/parameterGroup:ParameterGroup": (inputs: Inputs, ctx: ResourceContext) => ({ name: autoName(inputs, ctx) }),
  "aws:ssm/parameter:Parameter": (inputs: Inputs, ctx: ResourceContext) => ({
    arn: `arn:aws:ssm:${ctx.region}:${MOCK_ACCOUNT_ID}:parameter${inputs.name}`,
    version: 1,
  }),
});

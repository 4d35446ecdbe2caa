// Provider-computed outputs of the server pools' resources, shaped as the AWS provider returns them.
import { MOCK_ACCOUNT_ID, hexFrom, numberFrom } from "./ids";
import { refuse } from "./refusal";
import { COMPUTED, ResourceContext } from "./resources";

type Inputs = Record<string, any>;

/** The resource's name: the program's, or the auto-name the engine filled in (engine.ts). */
const autoName = (inputs: Inputs, ctx: ResourceContext): string => inputs.name ?? ctx.name;

/** Launch templates by id: whether they carry security groups (RunInstances merges them into the request). */
const TEMPLATES_WITH_GROUPS = new Map<string, boolean>();

const launchTemplateOutputs = (inputs: Inputs, ctx: ResourceContext) => ({
  name: autoName(inputs, ctx),
  latestVersion: 1,
  defaultVersion: 1,
  arn: `arn:aws:ec2:${ctx.region}:${MOCK_ACCOUNT_ID}:launch-template/${ctx.id}`,
});

/**
 * The resource ARNs Shield Advanced protects, in the forms CreateProtection documents:
 * https://docs.aws.amazon.com/waf/latest/DDOSAPIReference/API_CreateProtection.html
 */
const SHIELD_RESOURCE_ARNS = [
  /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/(app\/)?[A-Za-z0-9-]+(\/[0-9a-f]+)?$/,
  /^arn:aws[a-z-]*:cloudfront::\d{12}:distribution\/[A-Z0-9]+$/,
  /^arn:aws[a-z-]*:globalaccelerator::\d{12}:accelerator\/[0-9a-f-]+$/,
  /^arn:aws[a-z-]*:route53:::hostedzone\/[A-Z0-9]+$/,
  /^arn:aws[a-z-]*:ec2:[a-z0-9-]+:\d{12}:eip-allocation\/eipalloc-[0-9a-f]+$/,
];

/**
 * The AWS provider turns an instance's `associatePublicIpAddress` (true or false) with a subnet into a
 * network interface (device 0) carrying the instance's own `vpcSecurityGroupIds`. EC2 refuses that next to
 * a launch template that carries groups, and a network interface without groups would get the VPC's default
 * group. https://github.com/hashicorp/terraform-provider-aws/issues/32614,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-launchtemplate-launchtemplatedata.html
 */
function refuseNetworkInterfaceBesideTemplateGroups(inputs: Inputs): void {
  const sendsInterface = inputs.associatePublicIpAddress !== undefined && inputs.subnetId !== undefined;
  if (!sendsInterface) return;
  if (inputs.launchTemplate?.id && TEMPLATES_WITH_GROUPS.get(inputs.launchTemplate.id)) {
    refuse(
      "InvalidParameterCombination",
      "Network interfaces and an instance-level security groups may not be specified on the same request (the launch template carries security groups while associatePublicIpAddress makes the provider send a network interface)",
    );
  }
  if ((inputs.vpcSecurityGroupIds ?? []).length === 0) {
    refuse(
      "InvalidParameterCombination",
      "associatePublicIpAddress sends a network interface without security groups: name the instance's groups in vpcSecurityGroupIds",
    );
  }
}

// The foundation's role mock computes the ARN from the resource name; the provider also returns that name.
const roleOutputs = COMPUTED["aws:iam/role:Role"];

Object.assign(COMPUTED, {
  "aws:iam/role:Role": (inputs: Inputs, ctx: ResourceContext) => ({
    ...roleOutputs(inputs, ctx),
    name: inputs.name ?? ctx.name,
  }),
  "aws:lb/loadBalancer:LoadBalancer": (inputs: Inputs, ctx: ResourceContext) => {
    const name = autoName(inputs, ctx);
    const suffix = `${inputs.loadBalancerType === "network" ? "net" : "app"}/${name}/${hexFrom(ctx.name, 16)}`;
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
  // One CNAME per distinct name of the certificate, as ACM returns them (trailing dots included): the
  // same CNAME for a name in every region and certificate of the account, as ACM gives it.
  "aws:acm/certificate:Certificate": (inputs: Inputs, ctx: ResourceContext) => {
    const names: string[] = [...new Set<string>([inputs.domainName, ...(inputs.subjectAlternativeNames ?? [])])];
    return {
      arn: `arn:aws:acm:${ctx.region}:${MOCK_ACCOUNT_ID}:certificate/${hexFrom(ctx.name, 8)}-${hexFrom(ctx.name + "/2", 4)}-${hexFrom(ctx.name + "/3", 4)}-${hexFrom(ctx.name + "/4", 4)}-${hexFrom(ctx.name + "/5", 12)}`,
      status: "PENDING_VALIDATION",
      domainValidationOptions: names.map((domainName) => ({
        domainName,
        resourceRecordName: `_${hexFrom(`${MOCK_ACCOUNT_ID}/${domainName}`, 32)}.${domainName}.`,
        resourceRecordType: "CNAME",
        resourceRecordValue: `_${hexFrom(`${MOCK_ACCOUNT_ID}/${domainName}/value`, 32)}.${hexFrom(domainName, 10)}.acm-validations.aws.`,
      })),
    };
  },
  "aws:acm/certificateValidation:CertificateValidation": (inputs: Inputs) => ({
    certificateArn: inputs.certificateArn,
  }),
  "aws:ec2/launchTemplate:LaunchTemplate": (inputs: Inputs, ctx: ResourceContext) => {
    TEMPLATES_WITH_GROUPS.set(
      ctx.id,
      (inputs.vpcSecurityGroupIds ?? []).length + (inputs.securityGroupNames ?? []).length > 0,
    );
    return launchTemplateOutputs(inputs, ctx);
  },
  "aws:shield/protection:Protection": (inputs: Inputs) => {
    if (!SHIELD_RESOURCE_ARNS.some((form) => form.test(String(inputs.resourceArn)))) {
      refuse(
        "InvalidResourceException",
        `Shield cannot protect resourceArn "${inputs.resourceArn}": not one of the documented forms (an Elastic IP is arn:aws:ec2:<region>:<account>:eip-allocation/<allocation-id>)`,
      );
    }
    return {};
  },
  "aws:ec2/instance:Instance": (inputs: Inputs, ctx: ResourceContext) => {
    refuseNetworkInterfaceBesideTemplateGroups(inputs);
    return {
      arn: `arn:aws:ec2:${ctx.region}:${MOCK_ACCOUNT_ID}:instance/${ctx.id}`,
      privateIp: `10.0.${numberFrom(ctx.name, 250)}.${4 + numberFrom(ctx.name + "/host", 250)}`,
      instanceState: "running",
    };
  },
  "aws:autoscaling/group:Group": (inputs: Inputs, ctx: ResourceContext) => {
    const name = autoName(inputs, ctx);
    return {
      name,
      arn: `arn:aws:autoscaling:${ctx.region}:${MOCK_ACCOUNT_ID}:autoScalingGroup:${hexFrom(ctx.name, 8)}:autoScalingGroupName/${name}`,
    };
  },
  "aws:autoscaling/policy:Policy": (inputs: Inputs, ctx: ResourceContext) => ({
    name: autoName(inputs, ctx),
    arn: `arn:aws:autoscaling:${ctx.region}:${MOCK_ACCOUNT_ID}:scalingPolicy:${hexFrom(ctx.name, 8)}:autoScalingGroupName/${inputs.autoscalingGroupName}:policyName/${autoName(inputs, ctx)}`,
  }),
  "aws:iam/instanceProfile:InstanceProfile": (inputs: Inputs, ctx: ResourceContext) => ({
    name: autoName(inputs, ctx),
    arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:instance-profile/${autoName(inputs, ctx)}`,
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
        ? [
            {
              kmsKeyId: inputs.masterUserSecretKmsKeyId,
              secretArn: `arn:aws:secretsmanager:${ctx.region}:${MOCK_ACCOUNT_ID}:secret:rds!db-${hexFrom(ctx.name, 8)}`,
              secretStatus: "active",
            },
          ]
        : [],
    };
  },
  "aws:rds/subnetGroup:SubnetGroup": (inputs: Inputs, ctx: ResourceContext) => ({ name: autoName(inputs, ctx) }),
  "aws:rds/parameterGroup:ParameterGroup": (inputs: Inputs, ctx: ResourceContext) => ({ name: autoName(inputs, ctx) }),
  "aws:ssm/parameter:Parameter": (inputs: Inputs, ctx: ResourceContext) => ({
    arn: `arn:aws:ssm:${ctx.region}:${MOCK_ACCOUNT_ID}:parameter${inputs.name}`,
    version: 1,
  }),
  // A new document's first version; the provider returns versions as strings (DescribeDocument).
  "aws:ssm/document:Document": (inputs: Inputs, ctx: ResourceContext) => ({
    name: autoName(inputs, ctx),
    arn: `arn:aws:ssm:${ctx.region}:${MOCK_ACCOUNT_ID}:document/${autoName(inputs, ctx)}`,
    latestVersion: "1",
    defaultVersion: "1",
    documentVersion: "1",
    owner: MOCK_ACCOUNT_ID,
    status: "Active",
    schemaVersion: JSON.parse(String(inputs.content ?? "{}")).schemaVersion ?? "2.2",
  }),
  "aws:ssm/association:Association": (inputs: Inputs, ctx: ResourceContext) => ({
    associationId: `${hexFrom(ctx.name, 8)}-${hexFrom(ctx.name + "/2", 4)}-${hexFrom(ctx.name + "/3", 4)}-${hexFrom(ctx.name + "/4", 4)}-${hexFrom(ctx.name + "/5", 12)}`,
    arn: `arn:aws:ssm:${ctx.region}:${MOCK_ACCOUNT_ID}:association/${hexFrom(ctx.name, 8)}`,
  }),
});

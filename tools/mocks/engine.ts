// What the Pulumi engine, not a provider, does around a registration, mirrored for the mocks: URNs
// qualified with the whole parent type chain, auto-names, and refusing default providers a stack
// disables. The runtime's mock monitor does neither of the first two as the engine does, so
// `attachEngineBehaviour` adjusts it (test/mocks/engine.test.ts fails if an upgrade changes that).
import { hexFrom } from "./ids";

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * The engine's URN: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, where the qualified type
 * is the parent's qualified type, `$`, then the resource's own type; the root stack adds nothing.
 * https://www.pulumi.com/docs/iac/concepts/resources/names/#urns
 */
export function qualifiedUrn(
  stack: string,
  project: string,
  parentUrn: string | undefined,
  type: string,
  name: string,
): string {
  const parentType = parentUrn ? parentUrn.split("::")[2] : undefined;
  const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

interface AutoName {
  /** The input the provider fills in when the program leaves it out. */
  readonly property: string;
  /** The longest name the API accepts. */
  readonly maxLength: number;
  readonly lowercase?: boolean;
  /** The API reference stating the limit. */
  readonly source: string;
}

/** Random characters the engine appends to an auto-name, after a hyphen. */
const AUTO_NAME_RANDOM_CHARS = 7;

/**
 * Kinds the AWS provider auto-names (https://www.pulumi.com/docs/iac/concepts/resources/names/#autonaming),
 * with the name limit of the API that creates them. The engine refuses a name whose logical name plus
 * the suffix is longer than the limit; it does not truncate.
 */
export const AUTO_NAMES: Record<string, AutoName> = {
  "aws:ec2/securityGroup:SecurityGroup": {
    property: "name",
    maxLength: 255,
    source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html",
  },
  "aws:ec2/launchTemplate:LaunchTemplate": {
    property: "name",
    maxLength: 128,
    source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html",
  },
  "aws:autoscaling/group:Group": {
    property: "name",
    maxLength: 255,
    source: "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html",
  },
  "aws:autoscaling/policy:Policy": {
    property: "name",
    maxLength: 255,
    source: "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_PutScalingPolicy.html",
  },
  "aws:iam/role:Role": {
    property: "name",
    maxLength: 64,
    source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
  },
  "aws:iam/instanceProfile:InstanceProfile": {
    property: "name",
    maxLength: 128,
    source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateInstanceProfile.html",
  },
  "aws:lb/loadBalancer:LoadBalancer": {
    property: "name",
    maxLength: 32,
    source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html",
  },
  "aws:lb/targetGroup:TargetGroup": {
    property: "name",
    maxLength: 32,
    source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
  },
  "aws:rds/instance:Instance": {
    property: "identifier",
    maxLength: 63,
    lowercase: true,
    source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
  },
  "aws:rds/subnetGroup:SubnetGroup": {
    property: "name",
    maxLength: 255,
    lowercase: true,
    source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html",
  },
  "aws:rds/parameterGroup:ParameterGroup": {
    property: "name",
    maxLength: 255,
    lowercase: true,
    source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBParameterGroup.html",
  },
  "aws:sns/topic:Topic": {
    property: "name",
    maxLength: 256,
    source: "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html",
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    property: "name",
    maxLength: 255,
    source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html",
  },
  "aws:cloudwatch/logGroup:LogGroup": {
    property: "name",
    maxLength: 512,
    source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
  },
  "aws:cloudwatch/eventRule:EventRule": {
    property: "name",
    maxLength: 64,
    source: "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html",
  },
  "aws:secretsmanager/secret:Secret": {
    property: "name",
    maxLength: 512,
    source: "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html",
  },
  "aws:ssm/parameter:Parameter": {
    property: "name",
    maxLength: 2048,
    source: "https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html",
  },
};

class EngineRefusal extends Error {
  /** The runtime rebuilds a failed RPC's error from gRPC's `details`: without it the message is lost. */
  readonly details: string;
  constructor(message: string) {
    super(message);
    this.details = message;
  }
}

/**
 * The auto-name the engine gives a resource that leaves its name input out (none when it sets it, or a
 * `namePrefix`): logical name, hyphen, 7 random hex characters, seeded here by the URN so plans are
 * deterministic. Throws, as the engine does, when the result would exceed the API's limit.
 */
export function autoNameFor(
  type: string,
  name: string,
  urn: string,
  inputs: Record<string, unknown>,
): Record<string, string> {
  const rule = AUTO_NAMES[type];
  if (!rule || inputs[rule.property] !== undefined || inputs[`${rule.property}Prefix`] !== undefined) return {};
  const prefix = rule.lowercase ? name.toLowerCase() : name;
  if (prefix.length + 1 + AUTO_NAME_RANDOM_CHARS > rule.maxLength) {
    throw new EngineRefusal(
      `${urn}: name '${prefix}' plus ${AUTO_NAME_RANDOM_CHARS} random chars is longer than maximum length ${rule.maxLength} ` +
        `(${type} ${rule.property}, ${rule.source}); shorten the resource name or set ${rule.property}`,
    );
  }
  return { [rule.property]: `${prefix}-${hexFrom(urn, AUTO_NAME_RANDOM_CHARS)}` };
}

/** Packages whose default provider the stack disables (`pulumi:disable-default-providers`; `*` is all). */
export function disabledDefaultProviders(config: Record<string, string>): string[] {
  const raw = config["pulumi:disable-default-providers"];
  if (raw === undefined) return [];
  const parsed: unknown = raw.trim().startsWith("[") ? JSON.parse(raw) : raw.split(",");
  return (Array.isArray(parsed) ? parsed : [parsed]).map((p) => String(p).trim()).filter((p) => p.length > 0);
}

/** The engine's refusal of a registration or invoke that would need a disabled default provider. */
export function defaultProviderRefusal(
  disabled: readonly string[],
  token: string,
  subject: string,
): EngineRefusal | undefined {
  const pkg = token.split(":")[0];
  if (!disabled.includes(pkg) && !disabled.includes("*")) return undefined;
  return new EngineRefusal(`Default provider for '${pkg}' disabled. '${subject}' must use an explicit provider.`);
}

/** The slice of the runtime's mock monitor adjusted here. */
export interface MockMonitorInternals {
  newUrn(parent: string, type: string, name: string): string;
  registerResource(
    req: { getParent(): string; getType(): string; getName(): string },
    callback: (...args: any[]) => void,
  ): unknown;
}

/**
 * Makes the runtime's mock monitor build URNs as the engine does, and tells `onRegistration` the URN of
 * each registration just before the monitor hands it to the mocks (it does so synchronously).
 */
export function attachEngineBehaviour(
  monitor: MockMonitorInternals,
  stack: string,
  project: string,
  onRegistration: (urn: string | undefined) => void,
): void {
  if (typeof monitor.newUrn !== "function")
    throw new Error("the Pulumi runtime's mock monitor no longer has newUrn: update tools/mocks/engine.ts");
  monitor.newUrn = (parent, type, name) => qualifiedUrn(stack, project, parent || undefined, type, name);
  const registerResource = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    onRegistration(qualifiedUrn(stack, project, req.getParent() || undefined, req.getType(), req.getName()));
    try {
      return registerResource(req, callback);
    } finally {
      onRegistration(undefined);
    }
  };
}

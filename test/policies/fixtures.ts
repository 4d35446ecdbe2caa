// Plan resources for rule tests, shaped exactly as tools/plan/capture.ts records them.
import type { Rule } from "../../policies/lib/rule";
import { Json, PlanResource, UNKNOWN } from "../../tools/plan/capture";
import { evaluatePolicies, PolicyViolation } from "../../tools/policy/engine";

type Deps = Record<string, PlanResource | PlanResource[]>;

export function tags(tier: string, site = "use1"): { [key: string]: Json } {
  return { project: "callmyway", environment: "prod", site, tier, "managed-by": "pulumi" };
}

/**
 * A registration of `type` named `name`. Each `deps` entry becomes a property dependency (and a
 * dependency), and its input is "[unknown]" unless given: ids are unknown during preview.
 */
export function res(
  type: string,
  name: string,
  inputs: { [key: string]: Json },
  deps: Deps = {},
  extra: Partial<PlanResource> = {},
): PlanResource {
  const propertyDependencies = Object.fromEntries(
    Object.entries(deps).map(([k, v]) => [k, ([] as PlanResource[]).concat(v).map((d) => d.urn)]),
  );
  const depInputs = Object.fromEntries(
    Object.keys(deps)
      .filter((k) => !(k in inputs))
      .map((k) => [k, UNKNOWN]),
  );
  return {
    urn: `urn:pulumi:test::callmyway-network::${type}::${name}`,
    type,
    name,
    parent: null,
    dependencies: [...new Set(Object.values(propertyDependencies).flat())].sort(),
    propertyDependencies,
    inputs: { ...inputs, ...depInputs },
    provider: null,
    custom: true,
    ...extra,
  };
}

export const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  instance: "aws:ec2/instance:Instance",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  eip: "aws:ec2/eip:Eip",
  eipAssociation: "aws:ec2/eipAssociation:EipAssociation",
  eni: "aws:ec2/networkInterface:NetworkInterface",
  igw: "aws:ec2/internetGateway:InternetGateway",
  nat: "aws:ec2/natGateway:NatGateway",
  routeTable: "aws:ec2/routeTable:RouteTable",
  route: "aws:ec2/route:Route",
  rtAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  rds: "aws:rds/instance:Instance",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  vpnAuth: "aws:ec2clientvpn/authorizationRule:AuthorizationRule",
  volume: "aws:ebs/volume:Volume",
  kms: "aws:kms/key:Key",
  asg: "aws:autoscaling/group:Group",
  vault: "aws:backup/vault:Vault",
  vaultLock: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
  backupPlan: "aws:backup/plan:Plan",
  flowLog: "aws:ec2/flowLog:FlowLog",
  vpn: "aws:ec2/vpnConnection:VpnConnection",
  random: "random:index/randomPassword:RandomPassword",
  awsProvider: "pulumi:providers:aws",
  dnsRecord: "cloudflare:index/dnsRecord:DnsRecord",
  cfLoadBalancer: "cloudflare:index/loadBalancer:LoadBalancer",
} as const;

/** Runs one rule (with optional config values) and returns its violations. */
export async function check(
  rule: Rule,
  resources: PlanResource[],
  config: Record<string, unknown> = {},
): Promise<PolicyViolation[]> {
  return evaluatePolicies(resources, { rules: [rule], config: { [rule.name]: config } });
}

/** Names of the resources the rule fails (mandatory violations), sorted; duplicates kept. */
export async function failing(
  rule: Rule,
  resources: PlanResource[],
  config: Record<string, unknown> = {},
): Promise<string[]> {
  const byUrn = new Map(resources.map((r) => [r.urn, r.name]));
  return (await check(rule, resources, config))
    .filter((v) => v.enforcementLevel === "mandatory")
    .map((v) => byUrn.get(v.urn) ?? `(${v.urn || "stack"})`)
    .sort();
}

// What must be unique across the plan's resources: names per region and account, DNS records per zone,
// ACM validation records per domain, rules and routes within their table.
import type { Json, PlanResource } from "../plan/capture";
import type { PlanConstraint, PreflightViolation } from "./types";
import { PlanView, known } from "./view";

type Key = (r: PlanResource, view: PlanView) => string | undefined;

/** Every resource after the first whose key another resource of the kinds already has. */
function unique(kinds: readonly string[], property: string, key: Key, rule: string, source: string): PlanConstraint {
  return {
    rule,
    source,
    kinds,
    check: (view) => {
      const first = new Map<string, PlanResource>();
      const out: PreflightViolation[] = [];
      kinds
        .flatMap((k) => view.ofKind(k))
        .forEach((r) => {
          const k = key(r, view);
          if (k === undefined) return;
          const earlier = first.get(k);
          if (earlier)
            out.push({ urn: r.urn, property, value: `${k.split("\u0000").pop()} (also ${earlier.urn})`, rule, source });
          else first.set(k, r);
        });
      return out;
    },
  };
}

const text = (v: Json | undefined): string | undefined => (known(v) && typeof v !== "object" ? String(v) : undefined);
/** A resource's own input, scoped by region (and anything else in `scope`). */
const regional =
  (property: string, options: { caseInsensitive?: boolean; global?: boolean } = {}): Key =>
  (r, view) => {
    const value = text(r.inputs[property]);
    if (value === undefined) return undefined;
    return `${options.global ? "account" : (view.regionOf(r) ?? "?")}\u0000${options.caseInsensitive ? value.toLowerCase() : value}`;
  };
/** The URN a reference input points at (its recorded dependency), or its known value. */
const target = (r: PlanResource, property: string): string | undefined =>
  r.propertyDependencies[property]?.[0] ?? text(r.inputs[property]);

const NAMES: [string, string, string, { caseInsensitive?: boolean; global?: boolean }?][] = [
  [
    "aws:lb/loadBalancer:LoadBalancer",
    "name",
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html",
  ],
  [
    "aws:lb/targetGroup:TargetGroup",
    "name",
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
  ],
  [
    "aws:ec2/launchTemplate:LaunchTemplate",
    "name",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html",
  ],
  [
    "aws:autoscaling/group:Group",
    "name",
    "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html",
  ],
  [
    "aws:iam/role:Role",
    "name",
    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
    { caseInsensitive: true, global: true },
  ],
  [
    "aws:iam/instanceProfile:InstanceProfile",
    "name",
    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateInstanceProfile.html",
    { caseInsensitive: true, global: true },
  ],
  [
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "name",
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html",
  ],
  [
    "aws:cloudwatch/dashboard:Dashboard",
    "dashboardName",
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html",
    { global: true },
  ],
  [
    "aws:cloudwatch/eventRule:EventRule",
    "name",
    "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html",
  ],
  [
    "aws:cloudwatch/logGroup:LogGroup",
    "name",
    "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
  ],
  ["aws:sns/topic:Topic", "name", "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html"],
  ["aws:kms/alias:Alias", "name", "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html"],
  [
    "aws:ssm/parameter:Parameter",
    "name",
    "https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html",
  ],
  [
    "aws:backup/vault:Vault",
    "name",
    "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html",
  ],
  [
    "aws:secretsmanager/secret:Secret",
    "name",
    "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html",
  ],
  [
    "aws:rds/instance:Instance",
    "identifier",
    "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
    { caseInsensitive: true },
  ],
  [
    "aws:rds/subnetGroup:SubnetGroup",
    "name",
    "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html",
    { caseInsensitive: true },
  ],
  [
    "aws:rds/parameterGroup:ParameterGroup",
    "name",
    "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBParameterGroup.html",
    { caseInsensitive: true },
  ],
];

const nameConstraints = NAMES.map(([kind, property, source, options]) =>
  unique(
    [kind],
    property,
    regional(property, options),
    `${property} unique per ${options?.global ? "account" : "region and account"}${options?.caseInsensitive ? " (case-insensitive)" : ""}`,
    source,
  ),
);

const SG_API = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html";
const ruleKey =
  (direction: string): Key =>
  (r) => {
    const fields = ["ipProtocol", "fromPort", "toPort", "cidrIpv4", "cidrIpv6"].map((p) => text(r.inputs[p]) ?? "");
    // Groups and prefix lists are peers by what they are (their URN in preview, when ids are unknown).
    const peer = target(r, "referencedSecurityGroupId") ?? target(r, "prefixListId") ?? "";
    const group = target(r, "securityGroupId");
    if (!group || fields.slice(0, 1).includes("")) return undefined;
    if (!fields.slice(3).some((f) => f) && !peer) return undefined;
    return [group, direction, ...fields, peer].join("\u0000");
  };

/** Cloudflare refuses a second identical record, and a CNAME beside any other record of the same name. */
const DNS_RECORDS = "https://developers.cloudflare.com/dns/manage-dns-records/troubleshooting/records-with-same-name/";
const DNS_KIND = "cloudflare:index/dnsRecord:DnsRecord";
const recordKey: Key = (r) => {
  const name = text(r.inputs.name)?.toLowerCase();
  const type = text(r.inputs.type);
  const content = text(r.inputs.content) ?? (known(r.inputs.data) ? JSON.stringify(r.inputs.data) : undefined);
  return name && type && content ? [r.inputs.zoneId, name, type, content].join("\u0000") : undefined;
};
const cnameBesideOthers: PlanConstraint = {
  rule: "a CNAME is the only record of its name in the zone",
  source: DNS_RECORDS,
  kinds: [DNS_KIND],
  check: (view) => {
    const byName = new Map<string, PlanResource[]>();
    view.ofKind(DNS_KIND).forEach((r) => {
      const name = text(r.inputs.name)?.toLowerCase();
      if (name)
        byName.set(`${r.inputs.zoneId}\u0000${name}`, [...(byName.get(`${r.inputs.zoneId}\u0000${name}`) ?? []), r]);
    });
    return [...byName.values()].flatMap((records) => {
      const cnames = records.filter((r) => r.inputs.type === "CNAME");
      if (cnames.length === 0 || records.length === 1) return [];
      return cnames.map((r) => ({
        urn: r.urn,
        property: "name",
        value: r.inputs.name,
        rule: `a CNAME is the only record of its name in the zone (${records.length} records named so)`,
        source: DNS_RECORDS,
      }));
    });
  },
};

/**
 * ACM gives the same validation CNAME for a domain to every certificate of the account, in every
 * region: the zone can hold one validation record per domain. Records whose names come from
 * certificates sharing domains can be no more than the distinct domains they cover.
 */
const ACM_VALIDATION = "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html";
const CERTIFICATE = "aws:acm/certificate:Certificate";
const validationRecordsPerDomain: PlanConstraint = {
  rule: "one ACM validation record per domain and account (ACM gives every certificate of a domain the same CNAME)",
  source: ACM_VALIDATION,
  kinds: [DNS_KIND, CERTIFICATE],
  check: (view) => {
    const domainsOf = (c: PlanResource) =>
      [c.inputs.domainName, ...((c.inputs.subjectAlternativeNames as Json[] | undefined) ?? [])].filter(
        (d): d is string => typeof d === "string" && known(d),
      );
    const certificates = view.ofKind(CERTIFICATE).filter((c) => domainsOf(c).length > 0);
    const recordsOf = (c: PlanResource) =>
      view.ofKind(DNS_KIND).filter((r) => (r.propertyDependencies.name ?? []).includes(c.urn));
    // Certificates that share a domain form a group; each group's domains hold one record each.
    const groups: PlanResource[][] = [];
    certificates.forEach((c) => {
      const joined = groups.filter((g) => g.some((o) => domainsOf(o).some((d) => domainsOf(c).includes(d))));
      const merged = [c, ...joined.flat()];
      joined.forEach((g) => groups.splice(groups.indexOf(g), 1));
      groups.push(merged);
    });
    return groups.flatMap((group) => {
      const domains = new Set(group.flatMap(domainsOf));
      const records = [...new Set(group.flatMap(recordsOf))].sort((x, y) => x.urn.localeCompare(y.urn));
      if (records.length <= domains.size) return [];
      return records.slice(domains.size).map((r) => ({
        urn: r.urn,
        property: "name",
        value: `${records.length} validation records for ${domains.size} domains (${[...domains].sort().join(", ")})`,
        rule: validationRecordsPerDomain.rule,
        source: ACM_VALIDATION,
      }));
    });
  },
};

export const UNIQUENESS: readonly PlanConstraint[] = [
  ...nameConstraints,
  unique(
    ["aws:ec2/securityGroup:SecurityGroup"],
    "name",
    (r) => (text(r.inputs.name) ? `${target(r, "vpcId")}\u0000${String(r.inputs.name).toLowerCase()}` : undefined),
    "name unique per VPC (case-insensitive)",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html",
  ),
  unique(
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
    "ipProtocol",
    ruleKey("in"),
    "no duplicate rule in a security group (InvalidPermission.Duplicate)",
    SG_API,
  ),
  unique(
    ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"],
    "ipProtocol",
    ruleKey("out"),
    "no duplicate rule in a security group (InvalidPermission.Duplicate)",
    SG_API,
  ),
  unique(
    ["aws:ec2/networkAclRule:NetworkAclRule"],
    "ruleNumber",
    (r) =>
      text(r.inputs.ruleNumber)
        ? [target(r, "networkAclId"), r.inputs.egress === true, r.inputs.ruleNumber].join("\u0000")
        : undefined,
    "rule numbers unique per network ACL and direction (NetworkAclEntryAlreadyExists)",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkAclEntry.html",
  ),
  unique(
    ["aws:ec2/route:Route"],
    "destinationCidrBlock",
    (r) =>
      text(r.inputs.destinationCidrBlock)
        ? `${target(r, "routeTableId")}\u0000${r.inputs.destinationCidrBlock}`
        : undefined,
    "one route per destination in a route table (RouteAlreadyExists)",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateRoute.html",
  ),
  unique(
    ["aws:ec2transitgateway/route:Route"],
    "destinationCidrBlock",
    (r) =>
      text(r.inputs.destinationCidrBlock)
        ? `${target(r, "transitGatewayRouteTableId")}\u0000${r.inputs.destinationCidrBlock}`
        : undefined,
    "one route per destination in a transit gateway route table",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayRoute.html",
  ),
  unique(
    ["aws:ec2clientvpn/route:Route"],
    "destinationCidrBlock",
    (r) =>
      text(r.inputs.destinationCidrBlock)
        ? [target(r, "clientVpnEndpointId"), r.inputs.destinationCidrBlock, target(r, "targetVpcSubnetId")].join(
            "\u0000",
          )
        : undefined,
    "one route per destination and subnet on a Client VPN endpoint",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateClientVpnRoute.html",
  ),
  unique(
    ["aws:ec2/routeTableAssociation:RouteTableAssociation"],
    "subnetId",
    (r) => target(r, "subnetId") ?? target(r, "gatewayId"),
    "a subnet (or gateway) associated with one route table",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateRouteTable.html",
  ),
  unique(
    ["aws:ec2/internetGateway:InternetGateway"],
    "vpcId",
    (r) => target(r, "vpcId"),
    "one internet gateway per VPC",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AttachInternetGateway.html",
  ),
  unique(
    ["aws:lb/listener:Listener"],
    "port",
    (r) => (text(r.inputs.port) ? `${target(r, "loadBalancerArn")}\u0000${r.inputs.port}` : undefined),
    "one listener per port on a load balancer (DuplicateListener)",
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateListener.html",
  ),
  unique(
    ["aws:shield/protection:Protection"],
    "resourceArn",
    (r) => target(r, "resourceArn"),
    "one Shield protection per resource",
    "https://docs.aws.amazon.com/waf/latest/DDOSAPIReference/API_CreateProtection.html",
  ),
  unique(
    ["cloudflare:index/loadBalancer:LoadBalancer"],
    "name",
    (r) => (text(r.inputs.name) ? `${r.inputs.zoneId}\u0000${String(r.inputs.name).toLowerCase()}` : undefined),
    "one load balancer per hostname in a zone",
    "https://developers.cloudflare.com/api/resources/load_balancers/methods/create/",
  ),
  unique([DNS_KIND], "content", recordKey, "no identical record (same name, type and content) in a zone", DNS_RECORDS),
  cnameBesideOthers,
  validationRecordsPerDomain,
  unique(
    ["cloudflare:index/ruleset:Ruleset"],
    "phase",
    (r) =>
      text(r.inputs.phase) && r.inputs.kind !== "custom"
        ? `${r.inputs.zoneId ?? r.inputs.accountId}\u0000${r.inputs.phase}`
        : undefined,
    "one entry point ruleset per zone (or account) and phase",
    "https://developers.cloudflare.com/ruleset-engine/about/phases/",
  ),
];

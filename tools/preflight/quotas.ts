// Per-region (and per-resource) quotas the plan can exceed, read from the stack config's `awsQuotas`
// (what the account has been granted) with AWS's defaults for the keys it leaves out. The preflight
// cannot see the quotas actually granted: the config is the operator's statement of them.
import type { PlanResource } from "../plan/capture";
import type { PlanConstraint, PreflightViolation } from "./types";
import type { PlanView } from "./view";
import { known } from "./view";

interface Quota {
  /** The `awsQuotas` key. */
  readonly key: string;
  readonly awsDefault: number;
  readonly describe: string;
  readonly source: string;
  readonly kinds: readonly string[];
  /** Groups the plan fills (scope -> the resources counted against the quota there). */
  count(view: PlanView): Map<string, { resource: PlanResource; members: number }>;
}

const VPC_QUOTAS = "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html";

/** Groups resources of a kind by a scope key; the group's report goes on its first resource. */
function groupBy(
  view: PlanView,
  kinds: readonly string[],
  scope: (r: PlanResource) => string | undefined,
  representative?: (scope: string) => PlanResource | undefined,
  /** How much one resource counts (default 1). */
  weight: (r: PlanResource) => number = () => 1,
) {
  const groups = new Map<string, { resource: PlanResource; members: number }>();
  kinds
    .flatMap((k) => view.ofKind(k))
    .forEach((r) => {
      const s = scope(r);
      if (s === undefined) return;
      const g = groups.get(s);
      groups.set(s, { resource: g?.resource ?? representative?.(s) ?? r, members: (g?.members ?? 0) + weight(r) });
    });
  return groups;
}

/**
 * A rule on a prefix list counts as the list's max entries ("When you reference a prefix list in a
 * resource, the maximum number of entries for the prefix lists counts against the quota for the
 * number of entries for the resource", VPC quotas, customer-managed prefix lists). A list not
 * declared in the plan (an AWS-managed one) is counted as one: its size is not known here.
 */
function ruleWeight(view: PlanView, r: PlanResource): number {
  const list = view.dependencies(r, "prefixListId", "aws:ec2/managedPrefixList:ManagedPrefixList")[0];
  const max = list ? Number(list.inputs.maxEntries) : NaN;
  return Number.isFinite(max) && max > 0 ? max : 1;
}

const dependency = (r: PlanResource, property: string) =>
  r.propertyDependencies[property]?.[0] ?? (known(r.inputs[property]) ? String(r.inputs[property]) : undefined);

const QUOTAS: readonly Quota[] = [
  {
    key: "securityGroupRulesPerDirection",
    awsDefault: 60,
    describe: "inbound (or outbound) rules per security group",
    source: `${VPC_QUOTAS}#vpc-limits-security-groups`,
    kinds: [
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    ],
    count: (view) =>
      groupBy(
        view,
        [
          "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
          "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        ],
        (r) => {
          const group = dependency(r, "securityGroupId");
          return group ? `${group} ${r.type.includes("Ingress") ? "inbound" : "outbound"}` : undefined;
        },
        (scope) => view.byUrn(scope.split(" ")[0]),
        (r) => ruleWeight(view, r),
      ),
  },
  {
    key: "transitGatewayPeeringsPerGateway",
    awsDefault: 50,
    describe: "peering attachments per transit gateway",
    source: "https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html",
    kinds: ["aws:ec2transitgateway/peeringAttachment:PeeringAttachment"],
    count: (view) => {
      const groups = new Map<string, { resource: PlanResource; members: number }>();
      view.ofKind("aws:ec2transitgateway/peeringAttachment:PeeringAttachment").forEach((p) => {
        [dependency(p, "transitGatewayId"), dependency(p, "peerTransitGatewayId")]
          .filter((g): g is string => !!g)
          .forEach((g) => {
            groups.set(g, { resource: view.byUrn(g) ?? p, members: (groups.get(g)?.members ?? 0) + 1 });
          });
      });
      return groups;
    },
  },
  {
    key: "elasticIpsPerRegion",
    awsDefault: 5,
    describe: "Elastic IP addresses per region",
    source:
      "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html#using-instance-addressing-limit",
    kinds: ["aws:ec2/eip:Eip"],
    count: (view) => groupBy(view, ["aws:ec2/eip:Eip"], (r) => view.regionOf(r)),
  },
  {
    key: "natGatewaysPerAz",
    awsDefault: 5,
    describe: "NAT gateways per Availability Zone",
    source: `${VPC_QUOTAS}#vpc-limits-gateways`,
    kinds: ["aws:ec2/natGateway:NatGateway"],
    count: (view) =>
      groupBy(view, ["aws:ec2/natGateway:NatGateway"], (r) => {
        const zone = view.dependencies(r, "subnetId", "aws:ec2/subnet:Subnet")[0]?.inputs.availabilityZone;
        return typeof zone === "string" && known(zone) ? zone : undefined;
      }),
  },
  {
    key: "vpcsPerRegion",
    awsDefault: 5,
    describe: "VPCs per region",
    source: `${VPC_QUOTAS}#vpc-limits-vpcs-subnets`,
    kinds: ["aws:ec2/vpc:Vpc"],
    count: (view) => groupBy(view, ["aws:ec2/vpc:Vpc"], (r) => view.regionOf(r)),
  },
  {
    key: "securityGroupsPerRegion",
    awsDefault: 2500,
    describe: "VPC security groups per region",
    source: `${VPC_QUOTAS}#vpc-limits-security-groups`,
    kinds: ["aws:ec2/securityGroup:SecurityGroup"],
    count: (view) => groupBy(view, ["aws:ec2/securityGroup:SecurityGroup"], (r) => view.regionOf(r)),
  },
  {
    key: "siteToSiteVpnConnectionsPerRegion",
    awsDefault: 50,
    describe: "Site-to-Site VPN connections per region",
    source: "https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-limits.html",
    kinds: ["aws:ec2/vpnConnection:VpnConnection"],
    count: (view) => groupBy(view, ["aws:ec2/vpnConnection:VpnConnection"], (r) => view.regionOf(r)),
  },
  {
    key: "interfaceEndpointsPerVpc",
    awsDefault: 50,
    describe: "interface VPC endpoints per VPC",
    source: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html",
    kinds: ["aws:ec2/vpcEndpoint:VpcEndpoint"],
    count: (view) =>
      groupBy(
        view,
        ["aws:ec2/vpcEndpoint:VpcEndpoint"],
        (r) => (r.inputs.vpcEndpointType === "Interface" ? dependency(r, "vpcId") : undefined),
        (vpc) => view.byUrn(vpc),
      ),
  },
  {
    key: "clientVpnRoutesPerAssociation",
    awsDefault: 100,
    describe: "routes per Client VPN target network association",
    source: "https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/limits.html",
    kinds: ["aws:ec2clientvpn/route:Route"],
    count: (view) =>
      groupBy(
        view,
        ["aws:ec2clientvpn/route:Route"],
        (r) => {
          const [endpoint, subnet] = [dependency(r, "clientVpnEndpointId"), dependency(r, "targetVpcSubnetId")];
          return endpoint && subnet ? `${endpoint} ${subnet}` : undefined;
        },
        (scope) => view.byUrn(scope.split(" ")[0]),
        (r) => ruleWeight(view, r),
      ),
  },
  {
    key: "clientVpnAuthorizationRulesPerEndpoint",
    awsDefault: 200,
    describe: "authorization rules per Client VPN endpoint",
    source: "https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/limits.html",
    kinds: ["aws:ec2clientvpn/authorizationRule:AuthorizationRule"],
    count: (view) =>
      groupBy(
        view,
        ["aws:ec2clientvpn/authorizationRule:AuthorizationRule"],
        (r) => dependency(r, "clientVpnEndpointId"),
        (e) => view.byUrn(e),
      ),
  },
  {
    key: "networkAclRulesPerDirection",
    awsDefault: 20,
    describe: "inbound (or outbound) rules per network ACL",
    source: `${VPC_QUOTAS}#vpc-limits-nacls`,
    kinds: ["aws:ec2/networkAclRule:NetworkAclRule"],
    count: (view) =>
      groupBy(
        view,
        ["aws:ec2/networkAclRule:NetworkAclRule"],
        (r) => {
          const acl = dependency(r, "networkAclId");
          return acl ? `${acl} ${r.inputs.egress === true ? "outbound" : "inbound"}` : undefined;
        },
        (scope) => view.byUrn(scope.split(" ")[0]),
        (r) => ruleWeight(view, r),
      ),
  },
  {
    key: "routesPerRouteTable",
    awsDefault: 50,
    describe: "routes per route table (not propagated)",
    source: `${VPC_QUOTAS}#vpc-limits-route-tables`,
    kinds: ["aws:ec2/route:Route"],
    count: (view) =>
      groupBy(
        view,
        ["aws:ec2/route:Route"],
        (r) => dependency(r, "routeTableId"),
        (t) => view.byUrn(t),
      ),
  },
  {
    key: "managedPoliciesPerRole",
    awsDefault: 10,
    describe: "managed policies attached to a role",
    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html",
    kinds: ["aws:iam/rolePolicyAttachment:RolePolicyAttachment"],
    count: (view) =>
      groupBy(
        view,
        ["aws:iam/rolePolicyAttachment:RolePolicyAttachment"],
        (r) => dependency(r, "role"),
        (role) => view.byUrn(role),
      ),
  },
];

/** The stack's `awsQuotas` keys no quota here counts (reported, never an error: the config may be newer). */
export function uncountedQuotaKeys(view: PlanView): string[] {
  const given = view.projectConfig.awsQuotas;
  const keys = given && typeof given === "object" ? Object.keys(given) : [];
  return keys.filter((k) => !QUOTAS.some((q) => q.key === k)).sort();
}

function limitOf(view: PlanView, quota: Quota): number {
  const given = (view.projectConfig.awsQuotas as Record<string, unknown> | undefined)?.[quota.key];
  return typeof given === "number" && Number.isFinite(given) ? given : quota.awsDefault;
}

export const QUOTA_CONSTRAINTS: readonly PlanConstraint[] = QUOTAS.map((quota) => ({
  rule: `at most awsQuotas.${quota.key} ${quota.describe} (AWS default ${quota.awsDefault})`,
  source: quota.source,
  kinds: quota.kinds,
  check: (view): PreflightViolation[] => {
    const limit = limitOf(view, quota);
    return [...quota.count(view).entries()]
      .filter(([, g]) => g.members > limit)
      .map(([scope, g]) => ({
        urn: g.resource.urn,
        property: `awsQuotas.${quota.key}`,
        value: `${g.members} in ${scope.startsWith("urn:") ? scope.split("::").pop() : scope}`,
        rule: `at most ${limit} ${quota.describe} (awsQuotas.${quota.key}; AWS default ${quota.awsDefault}): raise the quota in Service Quotas and the key together`,
        source: quota.source,
      }));
  },
}));

// Where resources sit, derived from what they are connected to rather than from their tags: a subnet's
// route class from its route table, a host's tier from the subnets it is placed in, a security group's
// tier from the hosts that use it. Ids are unknown during preview, so every link is followed through
// property dependencies, as the engine hands them to stack policies. Computed once per resource list.
import type { PolicyResource } from "@pulumi/policy";
import { ownTags, referenced, launchTemplateTier } from "./resources";
import { TIERS } from "./rule";
import { asString, indices, known } from "./values";

export const T = {
  subnet: "aws:ec2/subnet:Subnet",
  routeTable: "aws:ec2/routeTable:RouteTable",
  defaultRouteTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
  route: "aws:ec2/route:Route",
  association: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  igw: "aws:ec2/internetGateway:InternetGateway",
  instance: "aws:ec2/instance:Instance",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  asg: "aws:autoscaling/group:Group",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  alb: "aws:alb/loadBalancer:LoadBalancer",
  rds: "aws:rds/instance:Instance",
  dbSubnetGroup: "aws:rds/subnetGroup:SubnetGroup",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  clientVpn: "aws:ec2clientvpn/endpoint:Endpoint",
  clientVpnAssociation: "aws:ec2clientvpn/networkAssociation:NetworkAssociation",
  networkAcl: "aws:ec2/networkAcl:NetworkAcl",
  networkAclRule: "aws:ec2/networkAclRule:NetworkAclRule",
} as const;

/** How a route table reaches beyond its VPC: `public` routes to an internet gateway, `egress` has another default route. */
export type RouteClass = "public" | "egress" | "isolated";

const DEFAULT_DESTINATIONS = ["0.0.0.0/0", "::/0"];

/** One host, load balancer or database: where it is placed and which security groups guard it. */
export interface Placement {
  readonly resource: PolicyResource;
  readonly subnets: PolicyResource[];
  readonly securityGroups: PolicyResource[];
}

export interface Topology {
  readonly routeClassOf: (subnet: PolicyResource) => RouteClass;
  /** Resources placed in subnets: instances, auto scaling groups, load balancers, databases, Client VPN endpoints. */
  readonly placements: Placement[];
  /** The placements each security group guards, by URN. */
  readonly guardedBy: Map<string, Placement[]>;
  /** The launch templates each auto scaling group or instance launches, by the template's URN. */
  readonly launchedBy: Map<string, Placement[]>;
}

function targetsInternetGateway(r: PolicyResource, key: string, literal: unknown): boolean {
  return referenced(r, key, T.igw).length > 0 || (typeof literal === "string" && literal.startsWith("igw-"));
}

/** The class of each route table, from its separate and inline routes. */
function routeClasses(resources: readonly PolicyResource[]): Map<string, RouteClass> {
  const classes = new Map<string, RouteClass>();
  const raise = (urn: string, c: RouteClass) => {
    const order: RouteClass[] = ["isolated", "egress", "public"];
    if (order.indexOf(c) > order.indexOf(classes.get(urn) ?? "isolated")) classes.set(urn, c);
  };
  for (const r of resources) {
    if (r.type === T.route) {
      const destination = known(() => r.props.destinationCidrBlock) ?? known(() => r.props.destinationIpv6CidrBlock);
      const cls: RouteClass | undefined = targetsInternetGateway(
        r,
        "gatewayId",
        known(() => r.props.gatewayId),
      )
        ? "public"
        : DEFAULT_DESTINATIONS.includes(destination as string)
          ? "egress"
          : undefined;
      if (cls) referenced(r, "routeTableId").forEach((t) => raise(t.urn, cls));
    }
    if (r.type === T.routeTable || r.type === T.defaultRouteTable) {
      indices(known(() => r.props.routes)).forEach((i) => {
        const route = (key: string) => known(() => r.props.routes[i][key]);
        if (targetsInternetGateway(r, "routes", route("gatewayId")) && route("gatewayId")) raise(r.urn, "public");
        else if (DEFAULT_DESTINATIONS.includes((route("cidrBlock") ?? route("ipv6CidrBlock")) as string))
          raise(r.urn, "egress");
      });
    }
  }
  return classes;
}

const deps = (r: PolicyResource, ...keys: string[]) => keys.flatMap((k) => r.propertyDependencies[k] ?? []);
const only = (list: PolicyResource[], type: string) => list.filter((d) => d.type === type);

function build(resources: readonly PolicyResource[]): Topology {
  const classes = routeClasses(resources);
  const tableOfSubnet = new Map<string, string>();
  const clientVpnSubnets = new Map<string, PolicyResource[]>();
  for (const r of resources) {
    if (r.type === T.association) {
      const table = referenced(r, "routeTableId")[0];
      referenced(r, "subnetId").forEach((s) => table && tableOfSubnet.set(s.urn, table.urn));
    }
    if (r.type === T.clientVpnAssociation) {
      referenced(r, "clientVpnEndpointId").forEach((e) =>
        clientVpnSubnets.set(e.urn, [...(clientVpnSubnets.get(e.urn) ?? []), ...only(deps(r, "subnetId"), T.subnet)]),
      );
    }
  }
  const placements: Placement[] = [];
  const launchedBy = new Map<string, Placement[]>();
  const place = (
    resource: PolicyResource,
    subnets: PolicyResource[],
    securityGroups: PolicyResource[],
    templates: PolicyResource[] = [],
  ) => {
    const placement = { resource, subnets: only(subnets, T.subnet), securityGroups: only(securityGroups, T.sg) };
    placements.push(placement);
    templates.forEach((t) => launchedBy.set(t.urn, [...(launchedBy.get(t.urn) ?? []), placement]));
  };
  const templateGroups = (lt: PolicyResource) =>
    deps(lt, "vpcSecurityGroupIds", "securityGroupNames", "networkInterfaces");
  for (const r of resources) {
    switch (r.type) {
      case T.instance: {
        const templates = only(deps(r, "launchTemplate"), T.launchTemplate);
        place(
          r,
          deps(r, "subnetId"),
          [...deps(r, "vpcSecurityGroupIds", "securityGroups"), ...templates.flatMap(templateGroups)],
          templates,
        );
        break;
      }
      case T.asg: {
        const templates = only(deps(r, "launchTemplate", "mixedInstancesPolicy"), T.launchTemplate);
        place(r, deps(r, "vpcZoneIdentifiers"), templates.flatMap(templateGroups), templates);
        break;
      }
      case T.lb:
      case T.alb:
        place(r, deps(r, "subnets", "subnetMappings"), deps(r, "securityGroups"));
        break;
      case T.rds:
        place(
          r,
          only(deps(r, "dbSubnetGroupName"), T.dbSubnetGroup).flatMap((g) => deps(g, "subnetIds")),
          deps(r, "vpcSecurityGroupIds"),
        );
        break;
      case T.clientVpn:
        place(r, clientVpnSubnets.get(r.urn) ?? [], deps(r, "securityGroupIds"));
        break;
    }
  }
  const guardedBy = new Map<string, Placement[]>();
  placements.forEach((p) =>
    new Set(p.securityGroups).forEach((sg) => guardedBy.set(sg.urn, [...(guardedBy.get(sg.urn) ?? []), p])),
  );
  const routeClassOf = (subnet: PolicyResource) => classes.get(tableOfSubnet.get(subnet.urn) ?? "") ?? "isolated";
  return { routeClassOf, placements, guardedBy, launchedBy };
}

const cache = new WeakMap<readonly PolicyResource[], Topology>();

/** The topology of a stack policy's resources, built once and shared by every rule that asks. */
export function topologyOf(resources: readonly PolicyResource[]): Topology {
  let topology = cache.get(resources);
  if (!topology) cache.set(resources, (topology = build(resources)));
  return topology;
}

/** Where public placements belong: hosts on a public subnet are SBCs, an internet-facing load balancer is the web entry. */
export interface PublicPlacementTiers {
  readonly publicHostTier: string;
  readonly publicLoadBalancerTier: string;
  /** The tier of shared plumbing subnets (edge subnets hold SBCs, load balancers and NAT gateways). */
  readonly sharedTier: string;
}

/** The program's placement (components/network): SBCs and the web entry on the shared edge subnets. */
export const DEFAULT_PLACEMENT_TIERS: PublicPlacementTiers = {
  publicHostTier: "sbc",
  publicLoadBalancerTier: "web",
  sharedTier: "network",
};

/** The config schema of the placement tiers, shared by every rule that derives tiers from the topology. */
export const PLACEMENT_TIERS_SCHEMA = {
  publicHostTier: {
    type: "string" as const,
    enum: TIERS,
    default: DEFAULT_PLACEMENT_TIERS.publicHostTier,
    description: "Tier of hosts on public shared subnets",
  },
  publicLoadBalancerTier: {
    type: "string" as const,
    enum: TIERS,
    default: DEFAULT_PLACEMENT_TIERS.publicLoadBalancerTier,
    description: "Tier of internet-facing load balancers",
  },
  sharedTier: {
    type: "string" as const,
    enum: TIERS,
    default: DEFAULT_PLACEMENT_TIERS.sharedTier,
    description: "Tier of shared plumbing subnets",
  },
};

/** A resource's tier as its tags claim it (launch templates also by the tags they give instances). */
export function claimedTier(r: PolicyResource): string | undefined {
  return r.type === T.launchTemplate ? launchTemplateTier(r) : ownTags(r).tier;
}

export function isInternetFacing(lb: PolicyResource): boolean {
  const internal = known(() => lb.props.internal);
  return internal !== true && asString(known(() => lb.props.loadBalancerType)) !== "gateway";
}

/**
 * The tier a placement's topology gives it: the workload tier of its subnets; on shared (edge)
 * subnets, the public host tier or, for an internet-facing load balancer, the web entry's tier.
 * Undefined when its subnets are unknown or untagged; "mixed" when they span several tiers.
 */
export function derivedTier(p: Placement, tiers: PublicPlacementTiers, topology: Topology): string | undefined {
  if (p.resource.type === T.lb || p.resource.type === T.alb) {
    if (isInternetFacing(p.resource)) return tiers.publicLoadBalancerTier;
  }
  const subnetTiers = new Set(p.subnets.map((s) => ownTags(s).tier).filter((t): t is string => !!t));
  if (subnetTiers.size === 0) return undefined;
  if (subnetTiers.size > 1) return "mixed";
  const [tier] = subnetTiers;
  if (tier !== tiers.sharedTier) return tier;
  return p.subnets.some((s) => topology.routeClassOf(s) === "public") ? tiers.publicHostTier : tiers.sharedTier;
}

// Mutations of a real plan's network plumbing, one broken promise each; the resources the pools,
// database, backups, DNS and interconnect declare are broken in realMutations.ts. A row stays here only
// when no real-resource row breaks the same rule the same way.
import { PlanResource } from "../../tools/plan/capture";
import { PlanDocument } from "../../tools/plan/document";
import { res, T } from "./fixtures";

function first(plan: PlanDocument, type: string, match: (r: PlanResource) => boolean = () => true): PlanResource {
  const found = plan.resources.find((r) => r.type === type && match(r));
  if (!found) throw new Error(`the plan has no ${type} to mutate`);
  return found;
}

const tier = (r: PlanResource) => (r.inputs.tags as Record<string, string> | undefined)?.tier;
const isTier = (t: string) => (r: PlanResource) => tier(r) === t;

/** A new registration that refers to existing ones, placed like the program would (same provider). */
function add(
  plan: PlanDocument,
  type: string,
  name: string,
  inputs: PlanResource["inputs"],
  deps: Record<string, PlanResource>,
  provider: string | null,
): void {
  plan.resources.push({
    ...res(type, name, inputs, deps),
    urn: `urn:pulumi:${plan.stack}::callmyway-network::${type}::${name}`,
    provider,
  });
}

export interface Mutation {
  readonly name: string;
  /** The policies that must fail, and no others. */
  readonly policies: string[];
  readonly mutate: (plan: PlanDocument) => void;
}

export const MUTATIONS: Mutation[] = [
  {
    name: "turn the endpoint HTTPS rule into SSH from the world",
    policies: ["no-admin-ports-from-internet", "no-internet-ingress-outside-sbc-and-web"],
    mutate: (plan) => Object.assign(first(plan, T.ingress).inputs, { cidrIpv4: "0.0.0.0/0", fromPort: 22, toPort: 22 }),
  },
  {
    name: "give the default security group an inline rule from the internet",
    policies: ["no-internet-ingress-outside-sbc-and-web"],
    mutate: (plan) => {
      first(plan, T.defaultSg).inputs.ingress = [
        { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
      ];
    },
  },
  {
    name: "map public IPs on a core subnet",
    policies: ["no-public-ip-mapping-on-core-or-data-subnets"],
    mutate: (plan) => {
      first(plan, T.subnet, isTier("core")).inputs.mapPublicIpOnLaunch = true;
    },
  },
  {
    name: "add an internet gateway route to a core route table",
    policies: ["no-internet-gateway-route-from-core-or-data", "tier-tags-match-topology"],
    mutate: (plan) => {
      const table = first(plan, T.routeTable, isTier("core"));
      const site = (table.inputs.tags as Record<string, string>).site;
      const igw = first(plan, T.igw, (r) => (r.inputs.tags as Record<string, string>).site === site);
      add(
        plan,
        T.route,
        "core-shortcut",
        { destinationCidrBlock: "0.0.0.0/0" },
        { routeTableId: table, gatewayId: igw },
        table.provider,
      );
    },
  },
  {
    name: "associate a data subnet with the edge route table",
    policies: ["no-internet-gateway-route-from-core-or-data", "tier-tags-match-topology"],
    mutate: (plan) => {
      const subnet = first(plan, T.subnet, isTier("data"));
      const site = (subnet.inputs.tags as Record<string, string>).site;
      const edge = first(
        plan,
        T.routeTable,
        (r) =>
          (r.inputs.tags as Record<string, string>)["subnet-tier"] === "edge" &&
          (r.inputs.tags as Record<string, string>).site === site,
      );
      const association = first(plan, T.rtAssociation, (r) => r.propertyDependencies.subnetId?.includes(subnet.urn));
      association.propertyDependencies.routeTableId = [edge.urn];
    },
  },
  {
    name: "retag a NAT Elastic IP as data",
    policies: ["no-public-ip-on-core-or-data"],
    mutate: (plan) => {
      const eip = first(plan, T.eip);
      eip.inputs.tags = { ...(eip.inputs.tags as Record<string, string>), tier: "data" };
    },
  },
  {
    name: "drop a VPC's flow log",
    policies: ["vpc-flow-logs-required"],
    mutate: (plan) => {
      const log = first(plan, T.flowLog);
      plan.resources = plan.resources.filter((r) => r !== log);
    },
  },
  {
    name: "drop the tier tag of a subnet",
    policies: ["required-tags-present"],
    mutate: (plan) => {
      const subnet = first(plan, T.subnet, isTier("web"));
      const { tier: _dropped, ...rest } = subnet.inputs.tags as Record<string, string>;
      subnet.inputs.tags = rest;
    },
  },
  // The program declares no load balancer outside the web tier: one is added, well-formed but for
  // the one broken property, so the row shows the rule firing alone inside a real plan.
  {
    name: "add a core load balancer that faces the internet",
    policies: ["no-internet-facing-load-balancer-outside-web", "tier-tags-match-topology"],
    mutate: (plan) => {
      const subnet = first(plan, T.subnet, isTier("core"));
      add(
        plan,
        T.lb,
        "core-nlb",
        { internal: false, loadBalancerType: "network", tags: subnet.inputs.tags },
        { subnets: subnet },
        subnet.provider,
      );
    },
  },
];

import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { referenced, tierVia } from "../lib/resources";
import { DEFAULT_PRIVATE_TIERS, tierListSchema } from "../lib/rule";
import { asArray, known } from "../lib/values";

const DEFAULTS = { privateTiers: DEFAULT_PRIVATE_TIERS };
const IGW = "aws:ec2/internetGateway:InternetGateway";
const ROUTE_TABLES = ["aws:ec2/routeTable:RouteTable", "aws:ec2/defaultRouteTable:DefaultRouteTable"];

/** A route targets an internet gateway: by reference (ids are unknown at preview) or by a literal igw- id. */
function toInternetGateway(r: PolicyResource, key: string, literal: () => unknown): boolean {
  if (referenced(r, key, IGW).length > 0) return true;
  const id = known(literal);
  return typeof id === "string" && id.startsWith("igw-");
}

function inlineInternetRoute(table: PolicyResource): boolean {
  const routes = asArray(known(() => table.props.routes));
  return routes.some((_, i) => {
    const gateway = known(() => table.props.routes[i].gatewayId);
    return gateway !== undefined && gateway !== null && toInternetGateway(table, "routes", () => gateway);
  });
}

/**
 * S2: no core or data route table has a route to an internet gateway, and no core or data subnet is
 * associated with a route table that has one. Follows property dependencies (routeTableId, gatewayId,
 * subnetId), because every id is unknown during preview.
 */
export const noInternetRouteFromPrivateTiers: StackValidationPolicy = {
  name: "no-internet-gateway-route-from-core-or-data",
  description:
    "No route from a core or data route table, or from a route table a core or data subnet uses, leads to an internet gateway.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["exposure", "routing"],
  configSchema: {
    properties: {
      privateTiers: tierListSchema("Tiers that must not route to an internet gateway", DEFAULTS.privateTiers),
    },
  },
  validateStack: (args, reportViolation) => {
    const { privateTiers } = configOf(args, DEFAULTS);
    const internetTables = new Set<string>();
    for (const r of args.resources) {
      if (r.type === "aws:ec2/route:Route" && toInternetGateway(r, "gatewayId", () => r.props.gatewayId)) {
        referenced(r, "routeTableId").forEach((t) => internetTables.add(t.urn));
        const tier = tierVia(r, ["routeTableId"]);
        if (tier && privateTiers.includes(tier))
          reportViolation(`${r.name}: a ${tier} route table routes to an internet gateway`, r.urn);
      }
      if (ROUTE_TABLES.includes(r.type) && inlineInternetRoute(r)) {
        internetTables.add(r.urn);
        const tier = tierVia(r, []);
        if (tier && privateTiers.includes(tier))
          reportViolation(`${r.name}: a ${tier} route table has an inline route to an internet gateway`, r.urn);
      }
    }
    for (const r of args.resources) {
      if (r.type !== "aws:ec2/routeTableAssociation:RouteTableAssociation") continue;
      const table = referenced(r, "routeTableId").find((t) => internetTables.has(t.urn));
      const subnetTier = referenced(r, "subnetId")
        .map((s) => tierVia(s, []))
        .find((t) => t && privateTiers.includes(t));
      if (table && subnetTier)
        reportViolation(
          `${r.name}: associates a ${subnetTier} subnet with ${table.name}, which routes to an internet gateway`,
          r.urn,
        );
    }
  },
};

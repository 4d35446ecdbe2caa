import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { ownTags } from "../lib/resources";
import { tierListSchema } from "../lib/rule";
import {
  claimedTier,
  DEFAULT_PLACEMENT_TIERS,
  derivedTier,
  Placement,
  PLACEMENT_TIERS_SCHEMA,
  T,
  topologyOf,
} from "../lib/topology";

const DEFAULTS = {
  /** Tiers whose subnets never route to an internet gateway (web origins hide behind the proxy). */
  noInternetRouteTiers: ["web", "core", "data"],
  /** Tiers whose subnets have no default route at all (the data tier talks only to the sites' private ranges). */
  noDefaultRouteTiers: ["data"],
  ...DEFAULT_PLACEMENT_TIERS,
};

const names = (list: PolicyResource[]) => [...new Set(list.map((r) => r.name))].sort().join(", ");

/**
 * S2/S8: a resource's tier is where it sits, and its `tier` tag must say so. A subnet's route table
 * decides whether it is public (internet gateway), has egress (another default route) or is isolated;
 * hosts, load balancers and databases take the tier of their subnets (on the shared edge subnets: the
 * SBC tier for hosts, the web entry for an internet-facing load balancer); launch templates and
 * security groups take the tier of what they launch or guard. Every rule that reads a tier can trust
 * the tag only because this one fails when the tag disagrees.
 */
export const tierTagsMatchTopology: StackValidationPolicy = {
  name: "tier-tags-match-topology",
  description:
    "Every subnet, host, load balancer, database, launch template and security group carries the tier its topology gives it: " +
    "route tables for subnets, subnets for what is placed in them, users for templates and groups. The data tier has no default route.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["exposure", "routing", "governance"],
  configSchema: {
    properties: {
      noInternetRouteTiers: tierListSchema(
        "Tiers whose subnets never route to an internet gateway",
        DEFAULTS.noInternetRouteTiers,
      ),
      noDefaultRouteTiers: tierListSchema("Tiers whose subnets have no default route", DEFAULTS.noDefaultRouteTiers),
      ...PLACEMENT_TIERS_SCHEMA,
    },
  },
  validateStack: (args, reportViolation) => {
    const config = configOf(args, DEFAULTS);
    const topology = topologyOf(args.resources);
    for (const subnet of args.resources.filter((r) => r.type === T.subnet)) {
      const tier = ownTags(subnet).tier;
      const cls = topology.routeClassOf(subnet);
      if (tier && cls === "public" && config.noInternetRouteTiers.includes(tier)) {
        reportViolation(
          `${subnet.name}: tagged tier "${tier}" but its route table routes to an internet gateway (a public subnet)`,
          subnet.urn,
        );
      } else if (tier && cls !== "isolated" && config.noDefaultRouteTiers.includes(tier)) {
        reportViolation(
          `${subnet.name}: tagged tier "${tier}" but its route table has a default route (the ${tier} tier is isolated)`,
          subnet.urn,
        );
      }
    }
    const derived = new Map<Placement, string | undefined>(
      topology.placements.map((p) => [p, derivedTier(p, config, topology)]),
    );
    const disagree = (r: PolicyResource, users: Placement[], what: string) => {
      const expected = [...new Set(users.map((u) => derived.get(u)).filter((t): t is string => !!t))].sort();
      const claimed = claimedTier(r);
      if (expected.length === 0 || (expected.length === 1 && expected[0] === claimed)) return;
      const origin = `${what} ${names(users.map((u) => u.resource))}`;
      reportViolation(
        expected.length > 1 || expected[0] === "mixed"
          ? `${r.name}: ${origin} span several tiers (${expected.join(", ")}); one tier per ${r.type === T.sg ? "security group" : "resource"}`
          : `${r.name}: tagged tier "${claimed ?? "(none)"}" but its topology makes it "${expected[0]}" (${origin})`,
        r.urn,
      );
    };
    for (const p of topology.placements) {
      const tier = derived.get(p);
      if (tier === "mixed")
        reportViolation(`${p.resource.name}: placed in subnets of several tiers (${names(p.subnets)})`, p.resource.urn);
      else if (tier && tier !== claimedTier(p.resource)) {
        reportViolation(
          `${p.resource.name}: tagged tier "${claimedTier(p.resource) ?? "(none)"}" but placed as "${tier}" (subnets ${names(p.subnets)})`,
          p.resource.urn,
        );
      }
    }
    for (const r of args.resources) {
      if (r.type === T.launchTemplate) disagree(r, topology.launchedBy.get(r.urn) ?? [], "launched by");
      if (r.type === T.sg) disagree(r, topology.guardedBy.get(r.urn) ?? [], "guards");
    }
  },
};

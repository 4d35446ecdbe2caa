import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { inheritedTier, referenced, siteOf } from "../lib/resources";
import { asArray, known } from "../lib/values";

const DEFAULTS = { minHosts: 2, minZones: 2 };

/**
 * Where a host lands: its AZ when known, else the subnet it is placed in (AZs are unknown at preview,
 * and the site layout puts each tier's subnets in distinct AZs).
 */
function zoneKeys(r: PolicyResource, azKey: string, subnetKey: string): string[] {
  const az = known(() => r.props[azKey]);
  if (typeof az === "string") return [az];
  const azs = asArray(az)
    .map((_, i) => known(() => r.props[azKey][i]))
    .filter((v): v is string => typeof v === "string");
  if (azs.length > 0) return azs;
  const subnets = referenced(r, subnetKey).map((s) => {
    const subnetAz = known(() => s.props.availabilityZone);
    return typeof subnetAz === "string" ? subnetAz : s.urn;
  });
  if (subnets.length > 0) return subnets;
  return asArray(known(() => r.props[subnetKey])).filter((v): v is string => typeof v === "string");
}

interface SiteHosts {
  hosts: number;
  zones: Set<string>;
  urns: string[];
}

/** S4: each site that runs SBCs runs at least two, in at least two AZs. */
export const sbcTwoPerSiteTwoAzs: StackValidationPolicy = {
  name: "sbc-at-least-two-per-site-in-two-azs",
  description:
    "Every site with SBCs has at least two SBC hosts (instances, or single-host groups) spread over at least two AZs.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["resilience", "sbc"],
  configSchema: {
    properties: {
      minHosts: { type: "integer", minimum: 1, default: DEFAULTS.minHosts, description: "Least SBC hosts per site" },
      minZones: { type: "integer", minimum: 1, default: DEFAULTS.minZones, description: "Least AZs per site" },
    },
  },
  validateStack: (args, reportViolation) => {
    const { minHosts, minZones } = configOf(args, DEFAULTS);
    const sites = new Map<string, SiteHosts>();
    const add = (r: PolicyResource, hosts: number, zones: string[]) => {
      const site = siteOf(r) ?? "(no site tag)";
      const entry = sites.get(site) ?? { hosts: 0, zones: new Set<string>(), urns: [] };
      entry.hosts += hosts;
      zones.forEach((z) => entry.zones.add(z));
      entry.urns.push(r.urn);
      sites.set(site, entry);
    };
    for (const r of args.resources) {
      if (inheritedTier(r) !== "sbc") continue;
      if (r.type === "aws:ec2/instance:Instance") add(r, 1, zoneKeys(r, "availabilityZone", "subnetId"));
      if (r.type === "aws:autoscaling/group:Group") {
        const min = known(() => r.props.minSize);
        add(r, typeof min === "number" ? min : 0, zoneKeys(r, "availabilityZones", "vpcZoneIdentifiers"));
      }
    }
    if (sites.size === 0) args.notApplicable("no SBC hosts in this stack");
    [...sites.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .forEach(([site, s]) => {
        if (s.hosts < minHosts || s.zones.size < minZones) {
          reportViolation(
            `site ${site}: ${s.hosts} SBC host(s) in ${s.zones.size} AZ(s), needs ${minHosts} in ${minZones}`,
            s.urns.sort()[0],
          );
        }
      });
  },
};

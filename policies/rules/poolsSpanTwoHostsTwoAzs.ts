import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { ownTags } from "../lib/resources";
import { FSBP, tierListSchema } from "../lib/rule";
import { known, UNKNOWN } from "../lib/values";

const DEFAULTS = { minHosts: 2, minZones: 2, singleHostSlotTiers: ["sbc"] };

function count(read: () => unknown): number | typeof UNKNOWN | undefined {
  const v = known(read);
  return v === UNKNOWN ? UNKNOWN : Array.isArray(v) ? v.length : undefined;
}

/** S4: every service on at least two servers, in at least two AZs. */
export const poolsSpanTwoHostsTwoAzs: ResourceValidationPolicy = {
  name: "pools-at-least-two-hosts-in-two-azs",
  description:
    "Auto scaling groups keep at least two hosts (minSize) across at least two AZs (vpcZoneIdentifiers or availabilityZones). " +
    "SBC slots, which keep one static IP per host, are counted per site by sbc-at-least-two-per-site-in-two-azs instead.",
  enforcementLevel: "mandatory",
  severity: "high",
  framework: FSBP("AutoScaling.2", "Amazon EC2 Auto Scaling group should cover multiple Availability Zones"),
  tags: ["resilience", "fsbp:AutoScaling.2"],
  configSchema: {
    properties: {
      minHosts: { type: "integer", minimum: 1, default: DEFAULTS.minHosts, description: "Least minSize" },
      minZones: { type: "integer", minimum: 1, default: DEFAULTS.minZones, description: "Least number of subnets/AZs" },
      singleHostSlotTiers: tierListSchema("Tiers whose groups are single-host slots", DEFAULTS.singleHostSlotTiers),
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:autoscaling/group:Group") return;
    const { minHosts, minZones, singleHostSlotTiers } = configOf(args, DEFAULTS);
    const tier = ownTags(args).tier;
    if (tier && singleHostSlotTiers.includes(tier)) args.notApplicable(`tier ${tier} groups are single-host slots`);
    const min = known(() => args.props.minSize);
    if (typeof min === "number" && min < minHosts) reportViolation(`${args.name}: minSize ${min} is below ${minHosts}`);
    const subnets = count(() => args.props.vpcZoneIdentifiers);
    const zones = subnets === undefined ? count(() => args.props.availabilityZones) : subnets;
    if (zones !== UNKNOWN && (zones ?? 0) < minZones)
      reportViolation(`${args.name}: spans ${zones ?? 0} subnet(s)/AZ(s), needs ${minZones}`);
  },
};

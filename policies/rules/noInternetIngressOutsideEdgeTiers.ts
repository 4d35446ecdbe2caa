import type { StackValidationPolicy } from "@pulumi/policy";
import { isPublicCidr } from "../lib/cidr";
import { configOf } from "../lib/config";
import { cidrIngress, describeIngress, INGRESS_TYPES, isSeparateRule } from "../lib/ingress";
import { prefixListsOf } from "../lib/prefixLists";
import { tierVia } from "../lib/resources";
import { DEFAULT_INTERNET_FACING_TIERS, FSBP, tierListSchema } from "../lib/rule";

const DEFAULTS = { internetFacingTiers: DEFAULT_INTERNET_FACING_TIERS };

/** S2/S8: core, data and shared plumbing are never reachable from the internet through a security group. */
export const noInternetIngressOutsideEdgeTiers: StackValidationPolicy = {
  name: "no-internet-ingress-outside-sbc-and-web",
  description:
    "Security groups outside the internet-facing tiers (SBC, web) admit no traffic from a public CIDR " +
    "(0.0.0.0/0, ::/0 or any non-private range, any protocol). The tier is the security group's tag.",
  enforcementLevel: "mandatory",
  severity: "critical",
  framework: FSBP("EC2.18", "Security groups should only allow unrestricted incoming traffic for authorized ports"),
  tags: ["exposure", "fsbp:EC2.18", "cis:5.2", "cis:5.3"],
  configSchema: {
    properties: {
      internetFacingTiers: tierListSchema(
        "Tiers whose security groups may admit public CIDRs",
        DEFAULTS.internetFacingTiers,
      ),
    },
  },
  validateStack: (args, reportViolation) => {
    const { internetFacingTiers } = configOf(args, DEFAULTS);
    const lists = prefixListsOf(args.resources);
    for (const r of args.resources) {
      if (!INGRESS_TYPES.includes(r.type)) continue;
      const tier = tierVia(r, isSeparateRule(r.type) ? ["securityGroupId"] : []);
      if (tier && internetFacingTiers.includes(tier)) continue;
      const open = cidrIngress(r, lists).filter((i) => isPublicCidr(i.cidr));
      if (open.length > 0) {
        reportViolation(
          `${r.name}: a security group of tier "${tier ?? "untagged"}" admits ${open.map(describeIngress).join(", ")} from the internet`,
          r.urn,
        );
      }
    }
  },
};

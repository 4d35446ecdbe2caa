import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { effectiveTags } from "../lib/resources";
import { tierListSchema } from "../lib/rule";
import { known, UNKNOWN } from "../lib/values";

const DEFAULTS = { internetFacingTiers: ["web"] };
const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];

/** S2: the web entry is the only internet-facing load balancer; everything else is internal. */
export const noInternetFacingLoadBalancerOutsideWeb: ResourceValidationPolicy = {
  name: "no-internet-facing-load-balancer-outside-web",
  description:
    "Load balancers are internal (internal: true) unless they are the web entry (tier web). An omitted `internal` means internet-facing.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["exposure"],
  configSchema: {
    properties: {
      internetFacingTiers: tierListSchema(
        "Tiers whose load balancers may face the internet",
        DEFAULTS.internetFacingTiers,
      ),
    },
  },
  validateResource: (args, reportViolation) => {
    if (!LOAD_BALANCERS.includes(args.type)) return;
    const internal = known(() => args.props.internal);
    if (internal === true || internal === UNKNOWN) return;
    const { internetFacingTiers } = configOf(args, DEFAULTS);
    const tier = effectiveTags(args).tier;
    if (!tier || !internetFacingTiers.includes(tier))
      reportViolation(`${args.name}: internet-facing load balancer on tier "${tier ?? "untagged"}"`);
  },
};

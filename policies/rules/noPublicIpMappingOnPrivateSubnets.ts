import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { ownTags } from "../lib/resources";
import { DEFAULT_PRIVATE_TIERS, FSBP, tierListSchema } from "../lib/rule";
import { known } from "../lib/values";

const DEFAULTS = { privateTiers: DEFAULT_PRIVATE_TIERS };

/** S2: core and data subnets never hand out public IPs on launch. */
export const noPublicIpMappingOnPrivateSubnets: ResourceValidationPolicy = {
  name: "no-public-ip-mapping-on-core-or-data-subnets",
  description: "Core and data subnets do not set mapPublicIpOnLaunch.",
  enforcementLevel: "mandatory",
  severity: "high",
  framework: FSBP("EC2.15", "Amazon EC2 subnets should not automatically assign public IP addresses"),
  tags: ["exposure", "fsbp:EC2.15"],
  configSchema: {
    properties: { privateTiers: tierListSchema("Tiers whose subnets never map public IPs", DEFAULTS.privateTiers) },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:ec2/subnet:Subnet") return;
    const { privateTiers } = configOf(args, DEFAULTS);
    const tags = ownTags(args);
    const tier = [tags.tier, tags["subnet-tier"]].find((t) => t !== undefined && privateTiers.includes(t));
    if (tier && known(() => args.props.mapPublicIpOnLaunch) === true)
      reportViolation(`${args.name}: a ${tier} subnet maps public IPs on launch`);
  },
};

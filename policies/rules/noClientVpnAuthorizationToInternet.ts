import type { ResourceValidationPolicy } from "@pulumi/policy";
import { insideAny, isPublicCidr } from "../lib/cidr";
import { configOf } from "../lib/config";
import { known } from "../lib/values";

const DEFAULTS = {
  /** Core and data networks the admin VPN may reach (generated: every AWS site's core and data blocks, data centres). Empty: any private range. */
  allowedTargetCidrs: [] as string[],
};

/** S9: the admin VPN reaches core and data networks only; it is never a path to the internet. */
export const noClientVpnAuthorizationToInternet: ResourceValidationPolicy = {
  name: "no-client-vpn-authorization-to-internet",
  description:
    "Client VPN authorisation rules target core and data networks only, never 0.0.0.0/0 or another public CIDR.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["admin-access"],
  configSchema: {
    properties: {
      allowedTargetCidrs: {
        type: "array",
        items: { type: "string" },
        default: DEFAULTS.allowedTargetCidrs,
        description: "Core and data CIDRs",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:ec2clientvpn/authorizationRule:AuthorizationRule") return;
    const target = known(() => args.props.targetNetworkCidr);
    if (typeof target !== "string") return;
    const { allowedTargetCidrs } = configOf(args, DEFAULTS);
    if (isPublicCidr(target)) reportViolation(`${args.name}: authorises the admin VPN to ${target}, on the internet`);
    else if (allowedTargetCidrs.length > 0 && !insideAny(target, allowedTargetCidrs))
      reportViolation(`${args.name}: authorises the admin VPN to ${target}, outside the core and data networks`);
  },
};

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isPublicCidr } from "../lib/cidr";
import { known } from "../lib/values";

/** S9: the admin VPN reaches core and data networks only; it is never a path to the internet. */
export const noClientVpnAuthorizationToInternet: ResourceValidationPolicy = {
  name: "no-client-vpn-authorization-to-internet",
  description: "Client VPN authorisation rules target private networks only, never 0.0.0.0/0 or another public CIDR.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["admin-access"],
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:ec2clientvpn/authorizationRule:AuthorizationRule") return;
    const target = known(() => args.props.targetNetworkCidr);
    if (typeof target === "string" && isPublicCidr(target)) reportViolation(`${args.name}: authorises the admin VPN to ${target}`);
  },
};

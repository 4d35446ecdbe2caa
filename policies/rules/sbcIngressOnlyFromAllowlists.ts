import type { StackValidationPolicy } from "@pulumi/policy";
import { insideAny, isPublicCidr } from "../lib/cidr";
import { configOf } from "../lib/config";
import {
  CidrIngress,
  cidrIngress,
  describeIngress,
  INGRESS_TYPES,
  isSeparateRule,
  PORTLESS_PROTOCOLS,
} from "../lib/ingress";
import { prefixListsOf } from "../lib/prefixLists";
import { tierVia } from "../lib/resources";

interface PortRange {
  fromPort: number;
  toPort: number;
}

const DEFAULTS = {
  /** Carriers' signalling and media CIDRs and customers' SIP CIDRs (generated from the stack file). */
  allowedCidrs: [] as string[],
  /** SIP 5060 (UDP/TCP), SIP over TLS 5061, and the RTP range. */
  allowedPortRanges: [
    { fromPort: 5060, toPort: 5061 },
    { fromPort: 10000, toPort: 20000 },
  ] as PortRange[],
};

function portsAllowed(i: CidrIngress, ranges: PortRange[]): boolean {
  if (PORTLESS_PROTOCOLS.includes(i.protocol)) return true;
  if (i.fromPort === undefined || i.toPort === undefined) return false;
  return ranges.some((r) => r.fromPort <= i.fromPort! && i.toPort! <= r.toPort);
}

/** S8/S15: SBCs take SIP and RTP only from the carriers and customers in the stack config. */
export const sbcIngressOnlyFromAllowlists: StackValidationPolicy = {
  name: "sbc-ingress-only-from-allowlisted-carriers-and-customers",
  description:
    "SBC security groups admit internet traffic only from the configured carrier and customer CIDRs, and only on the SIP and RTP ports (ICMP from them is allowed).",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["exposure", "sbc"],
  configSchema: {
    properties: {
      allowedCidrs: {
        type: "array",
        items: { type: "string" },
        default: DEFAULTS.allowedCidrs,
        description: "Carrier and customer CIDRs",
      },
      allowedPortRanges: {
        type: "array",
        items: {
          type: "object",
          properties: { fromPort: { type: "integer" }, toPort: { type: "integer" } },
          required: ["fromPort", "toPort"],
        },
        default: DEFAULTS.allowedPortRanges,
        description: "SIP and RTP port ranges",
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const { allowedCidrs, allowedPortRanges } = configOf(args, DEFAULTS);
    const lists = prefixListsOf(args.resources);
    for (const r of args.resources) {
      if (!INGRESS_TYPES.includes(r.type)) continue;
      if (tierVia(r, isSeparateRule(r.type) ? ["securityGroupId"] : []) !== "sbc") continue;
      const bad = cidrIngress(r, lists).filter(
        (i) => isPublicCidr(i.cidr) && (!insideAny(i.cidr, allowedCidrs) || !portsAllowed(i, allowedPortRanges)),
      );
      if (bad.length > 0)
        reportViolation(
          `${r.name}: SBC ingress ${bad.map(describeIngress).join(", ")} is not an allowlisted carrier/customer CIDR on SIP/RTP ports`,
          r.urn,
        );
    }
  },
};

import type { StackValidationPolicy } from "@pulumi/policy";
import { insideAny, isPublicCidr } from "../lib/cidr";
import { CLOUDFLARE_IPS_URL, cloudflareRanges } from "../lib/cloudflare";
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

const DEFAULTS = { cloudflareIpsUrl: CLOUDFLARE_IPS_URL, allowedPorts: [80, 443] };

function portsAllowed(i: CidrIngress, ports: number[]): boolean {
  if (PORTLESS_PROTOCOLS.includes(i.protocol)) return true;
  return i.fromPort !== undefined && i.fromPort === i.toPort && ports.includes(i.fromPort);
}

/** S3/S10: web origins are reachable only through Cloudflare's proxy (DDoS shield), on HTTP(S). */
export const webIngressOnlyFromCloudflare: StackValidationPolicy = {
  name: "web-ingress-only-from-cloudflare",
  description:
    "Web-tier security groups admit internet traffic only from Cloudflare's published proxy ranges (read from Cloudflare's API at evaluation), and only on ports 80 and 443.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["exposure", "web", "ddos"],
  configSchema: {
    properties: {
      cloudflareIpsUrl: {
        type: "string",
        default: DEFAULTS.cloudflareIpsUrl,
        description: "Where Cloudflare publishes its IPv4 and IPv6 ranges",
      },
      allowedPorts: {
        type: "array",
        items: { type: "integer" },
        default: DEFAULTS.allowedPorts,
        description: "Web ports",
      },
    },
  },
  validateStack: async (args, reportViolation) => {
    const { cloudflareIpsUrl, allowedPorts } = configOf(args, DEFAULTS);
    let cloudflareCidrs: string[];
    try {
      cloudflareCidrs = await cloudflareRanges(cloudflareIpsUrl);
    } catch (err) {
      // Fail closed: without the list nothing can show the web tier is shielded.
      reportViolation(
        `cannot read Cloudflare's published ranges from ${cloudflareIpsUrl} (${(err as Error).message}); web ingress cannot be judged`,
      );
      return;
    }
    const lists = prefixListsOf(args.resources);
    for (const r of args.resources) {
      if (!INGRESS_TYPES.includes(r.type)) continue;
      if (tierVia(r, isSeparateRule(r.type) ? ["securityGroupId"] : []) !== "web") continue;
      const bad = cidrIngress(r, lists).filter(
        (i) => isPublicCidr(i.cidr) && (!insideAny(i.cidr, cloudflareCidrs) || !portsAllowed(i, allowedPorts)),
      );
      if (bad.length > 0)
        reportViolation(
          `${r.name}: web ingress ${bad.map(describeIngress).join(", ")} is not a Cloudflare range on 80/443`,
          r.urn,
        );
    }
  },
};

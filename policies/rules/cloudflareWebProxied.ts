import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { known, UNKNOWN } from "../lib/values";

const DEFAULTS = {
  /** Web names as labels ("www") and fully qualified ("www.example.com"). */
  webHostnames: [] as string[],
};
const PROXIABLE = ["A", "AAAA", "CNAME"];

/** S3/S10: web traffic always passes Cloudflare's proxy (DDoS shield, origin IPs hidden). */
export const cloudflareWebProxied: ResourceValidationPolicy = {
  name: "cloudflare-web-records-proxied",
  description: "Cloudflare load balancers, and A/AAAA/CNAME records of the web hostnames, are proxied.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["exposure", "ddos", "web"],
  configSchema: {
    properties: {
      webHostnames: {
        type: "array",
        items: { type: "string" },
        default: DEFAULTS.webHostnames,
        description: "Web hostnames (labels and FQDNs)",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    const proxied = known(() => args.props.proxied);
    if (proxied === true || proxied === UNKNOWN) return;
    const name = known(() => args.props.name);
    if (args.type === "cloudflare:index/loadBalancer:LoadBalancer") {
      reportViolation(`${args.name}: load balancer ${typeof name === "string" ? `${name} ` : ""}is not proxied`);
      return;
    }
    if (args.type !== "cloudflare:index/dnsRecord:DnsRecord") return;
    const type = known(() => args.props.type);
    const { webHostnames } = configOf(args, DEFAULTS);
    if (
      typeof name === "string" &&
      typeof type === "string" &&
      PROXIABLE.includes(type) &&
      webHostnames.includes(name.toLowerCase().replace(/\.$/, ""))
    ) {
      reportViolation(`${args.name}: web record ${name} (${type}) is not proxied`);
    }
  },
};

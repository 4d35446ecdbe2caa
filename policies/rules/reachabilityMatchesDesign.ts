import type { StackValidationPolicy } from "@pulumi/policy";
import { CLOUDFLARE_IPS_URL, withCloudflareRanges } from "../lib/cloudflare";
import { configOf } from "../lib/config";
import { describePorts, NamedSource, PUBLIC_KINDS, reachability, ReachEdge } from "../lib/reachability";
import { DEFAULT_PLACEMENT_TIERS, PLACEMENT_TIERS_SCHEMA } from "../lib/topology";

interface PortRange {
  fromPort: number;
  toPort: number;
}

const DEFAULTS = {
  /**
   * Carriers, customers, Cloudflare, each site's tiers, data centres, the admin VPN (generated from the
   * stack file). The Cloudflare source carries no ranges: they are read from cloudflareIpsUrl when the rule runs.
   */
  namedSources: [] as NamedSource[],
  cloudflareIpsUrl: CLOUDFLARE_IPS_URL,
  sbcPortRanges: [
    { fromPort: 5060, toPort: 5061 },
    { fromPort: 10000, toPort: 20000 },
  ] as PortRange[],
  webPorts: [80, 443],
  /** Core's named ports: SIP from the SBCs, the API from web, other sites, data centres and the admin VPN. */
  corePorts: [5060, 8443],
  /** Core's SIP port: the one the internal SIP balancer forwards and health-checks. */
  coreSipPorts: [5060],
  databasePorts: [5432],
  ...DEFAULT_PLACEMENT_TIERS,
};
type Config = typeof DEFAULTS;

const PORT_PROTOCOLS = ["tcp", "udp"];
const within = (e: ReachEdge, ranges: PortRange[]) =>
  PORT_PROTOCOLS.includes(e.protocol) &&
  e.fromPort !== undefined &&
  ranges.some((r) => r.fromPort <= e.fromPort! && e.toPort! <= r.toPort);
const onPorts = (e: ReachEdge, ports: number[]) =>
  within(
    e,
    ports.map((p) => ({ fromPort: p, toPort: p })),
  );

/** Why the design forbids an edge, or undefined when it allows it. */
function forbidden(e: ReachEdge, c: Config): string | undefined {
  if (PUBLIC_KINDS.includes(e.sourceKind)) {
    if (e.tier === c.publicHostTier && ["carrier", "customer"].includes(e.sourceKind) && within(e, c.sbcPortRanges))
      return undefined;
    if (e.tier === c.publicLoadBalancerTier && e.sourceKind === "cloudflare" && onPorts(e, c.webPorts))
      return undefined;
    return "the internet reaches only the SBCs (SIP, SIP-TLS, RTP from carriers and customers) and the web entry (80, 443 from Cloudflare)";
  }
  if (e.tier === "core") {
    const fromTier = e.sourceKind === "site" && ["sbc", "web"].includes(e.sourceTier ?? "");
    const fromOtherCore = e.sourceKind === "site" && e.sourceTier === "core" && e.sourceSite !== e.site;
    if ((fromTier || fromOtherCore || ["datacentre", "admin"].includes(e.sourceKind)) && onPorts(e, c.corePorts))
      return undefined;
    // The core's internal SIP balancer has no security group and keeps the client's address: the SBCs' calls
    // arrive from the subnets the SBCs sit in (edge), its TCP health checks from its nodes in the core subnets.
    const sameSite = e.sourceKind === "site" && e.sourceSite === e.site;
    if (sameSite && e.sourceTier === "edge" && onPorts(e, c.coreSipPorts)) return undefined;
    if (sameSite && e.sourceTier === "core" && e.protocol === "tcp" && onPorts(e, c.coreSipPorts)) return undefined;
    return `core admits only the SBC and web tiers, other sites' core, the data centres and the admin VPN, on ports ${c.corePorts.join(", ")}`;
  }
  if (e.tier === "data") {
    if (e.sourceKind === "site" && e.sourceTier === "core" && onPorts(e, c.databasePorts)) return undefined;
    return `data admits only core, on the database port ${c.databasePorts.join(", ")}`;
  }
  return undefined;
}

/**
 * S2/S3/S8/S9: the stack's reachability (who reaches which tier of which site, on what) stays inside
 * the design. Computed from security-group rules, routes, load balancer schemes and public addresses
 * (policies/lib/reachability.ts), with each tier derived from the topology. The network ACLs are left
 * out here on purpose: each line must hold alone (the plan's figure shows what passes both).
 */
export const reachabilityMatchesDesign: StackValidationPolicy = {
  name: "reachability-matches-design",
  description:
    "Who reaches what stays inside the design: the internet only the SBCs (SIP, SIP-TLS, RTP from the allowlists) and the web entry (80, 443 from Cloudflare); " +
    "core only from the SBC and web tiers, other sites' core, the data centres and the admin VPN on its named ports; data only from core on the database port.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["exposure", "reachability"],
  configSchema: {
    properties: {
      namedSources: {
        type: "array",
        items: { type: "object" },
        default: DEFAULTS.namedSources,
        description: "Named sources: name, kind, cidrs, site, tier",
      },
      cloudflareIpsUrl: {
        type: "string",
        default: DEFAULTS.cloudflareIpsUrl,
        description: "Where Cloudflare publishes its ranges",
      },
      sbcPortRanges: {
        type: "array",
        items: { type: "object" },
        default: DEFAULTS.sbcPortRanges,
        description: "SIP, SIP-TLS and RTP port ranges",
      },
      webPorts: {
        type: "array",
        items: { type: "integer" },
        default: DEFAULTS.webPorts,
        description: "Web entry ports",
      },
      corePorts: {
        type: "array",
        items: { type: "integer" },
        default: DEFAULTS.corePorts,
        description: "Core's named ports",
      },
      coreSipPorts: {
        type: "array",
        items: { type: "integer" },
        default: DEFAULTS.coreSipPorts,
        description: "Core's SIP port (the internal SIP balancer's)",
      },
      databasePorts: {
        type: "array",
        items: { type: "integer" },
        default: DEFAULTS.databasePorts,
        description: "Database ports",
      },
      ...PLACEMENT_TIERS_SCHEMA,
    },
  },
  validateStack: async (args, reportViolation) => {
    const config = configOf(args, DEFAULTS);
    let namedSources: NamedSource[];
    try {
      namedSources = await withCloudflareRanges(config.namedSources, config.cloudflareIpsUrl);
    } catch (err) {
      // Fail closed: without the list, Cloudflare's traffic to the web entry looks like the internet's.
      reportViolation(
        `cannot read Cloudflare's published ranges from ${config.cloudflareIpsUrl} (${(err as Error).message}); reachability cannot be judged`,
      );
      return;
    }
    const bad = new Map<string, { rule: string; lines: Set<string> }>();
    // The security groups must keep the design on their own: the network ACLs are a second line, not a substitute.
    for (const edge of reachability(args.resources, {
      namedSources,
      placementTiers: config,
      throughAcls: false,
    })) {
      const why = forbidden(edge, config);
      if (!why) continue;
      const entry = bad.get(edge.urn) ?? { rule: edge.rule, lines: new Set<string>() };
      entry.lines.add(`${edge.source} reaches ${edge.site} ${edge.tier} on ${describePorts(edge)} (${why})`);
      bad.set(edge.urn, entry);
    }
    [...bad.entries()].forEach(([urn, { rule, lines }]) =>
      reportViolation(`${rule}: ${[...lines].sort().join("; ")}`, urn),
    );
  },
};

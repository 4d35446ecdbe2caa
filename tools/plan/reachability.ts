// The reachability figure in the offline plan: every one-hop edge that passes security groups, routes,
// public addresses and network ACLs (policies/lib/reachability.ts), whole in the plan file under
// `reachability`, and compacted for the terminal: one line per source and destination tier.
import type { NetworkConfig } from "../../config/schema";
import { describePorts, figureRows, reachability } from "../../policies/lib/reachability";
import { DEFAULT_PLACEMENT_TIERS } from "../../policies/lib/topology";
import { policyResourcesOf } from "../policy/engine";
import { CLOUDFLARE_IPV4, CLOUDFLARE_IPV6 } from "../mocks/invokes";
import { namedSources } from "../policy/fromStack";
import { PlanResource } from "./capture";

export type ReachabilityRow = ReturnType<typeof figureRows>[number];

/** The offline plan's figure: Cloudflare's ranges are the ones the mocks gave the program. */
export function planReachability(resources: readonly PlanResource[], config: NetworkConfig): ReachabilityRow[] {
  const sources = namedSources(config).map((s) =>
    s.kind === "cloudflare" ? { ...s, cidrs: [...CLOUDFLARE_IPV4, ...CLOUDFLARE_IPV6] } : s,
  );
  return figureRows(
    reachability(policyResourcesOf(resources), {
      namedSources: sources,
      placementTiers: DEFAULT_PLACEMENT_TIERS,
    }),
  );
}

const byPort = (a: string, b: string) =>
  Number(/\/(\d+)/.exec(a)?.[1] ?? 0) - Number(/\/(\d+)/.exec(b)?.[1] ?? 0) || a.localeCompare(b);

/** source -> tier @ sites: ports, one line per source and destination tier (sites that share the same ports). */
export function formatReachability(rows: readonly ReachabilityRow[]): string {
  const groups = new Map<string, { source: string; tier: string; sites: Set<string>; ports: Set<string> }>();
  rows.forEach((r) => {
    const key = `${r.source}|${r.tier}`;
    const g = groups.get(key) ?? { source: r.source, tier: r.tier, sites: new Set<string>(), ports: new Set<string>() };
    g.sites.add(r.site);
    g.ports.add(describePorts(r));
    groups.set(key, g);
  });
  const lines = [
    "Reachability (one hop; security groups, routes, public addresses and network ACLs; whole figure in the plan file):",
    `  ${"source".padEnd(24)} ${"-> tier".padEnd(9)} ${"sites".padEnd(16)} ports`,
  ];
  [...groups.values()].forEach((g) =>
    lines.push(
      `  ${g.source.padEnd(24)} -> ${g.tier.padEnd(6)} ${[...g.sites].sort().join(",").padEnd(16)} ${[...g.ports].sort(byPort).join(" ")}`,
    ),
  );
  return lines.join("\n");
}

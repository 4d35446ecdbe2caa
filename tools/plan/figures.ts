// The resilience figures (§4) in the offline plan: computed from the validated config, kept in the
// plan file under `figures` and printed after the summary.
import type { NetworkConfig } from "../../config/schema";
import { Figures, computeFigures } from "../../lib/figures";
import { recentResults } from "../../lib/recent";
import { CLOUDFLARE_IPV4 } from "../mocks/invokes";

/** Figures for the plan: Cloudflare's published ranges are what `getIpRanges` answers offline. */
export const planFigures: (config: NetworkConfig) => Figures = recentResults(
  (config: NetworkConfig) => computeFigures(config, CLOUDFLARE_IPV4),
  { size: 4 },
);

const pct = (n: number | null) => (n === null ? "no host" : `${n}%`);
const duration = (s: number | null) =>
  s === null
    ? "-"
    : s < 120
      ? `${s} s`
      : s < 2 * 3600
        ? `${Math.round(s / 60)} min`
        : s < 2 * 86400
          ? `${Math.round(s / 3600)} h`
          : `${Math.round(s / 86400)} d`;

/** Compact text for the terminal and CI logs. */
export function formatFigures(f: Figures): string {
  const lines = ["Resilience figures", "", "Capacity (peak load per host after a loss; before -> after scale-out):"];
  f.capacity.forEach((pool) => {
    const cases = [...pool.siteLoss, ...pool.azLoss]
      .map(
        (c) =>
          `${c.lost}: ${pct(c.loadPercent)}${c.afterScaleOutPercent !== null && c.afterScaleOutPercent !== c.loadPercent ? ` -> ${pct(c.afterScaleOutPercent)}` : ""}${c.aboveLimit ? " (!)" : ""}`,
      )
      .join("; ");
    lines.push(
      `  ${pool.tier.padEnd(5)} design ${pool.designLoadPercent}%, limit ${pool.limitPercent}%, worst ${pct(pool.worst.loadPercent)} (${pool.worst.lost}). ${cases}`,
    );
  });
  const calls = f.sbcCalls;
  const callCase = (c: (typeof calls.siteLoss)[number]) =>
    `${c.lost}: ${c.callsPerSbc === null ? "no SBC" : c.callsPerSbc}${c.aboveLimit ? " (!)" : ""}`;
  lines.push(
    `  calls per SBC: design ${calls.designCallsPerSbc} of ${calls.callCapacity} configured, RTP range ${calls.rtpPorts} ports = ${calls.rtpCallLimit} calls (2 ports per stream, 2 streams per call). ${[...calls.siteLoss, ...calls.azLoss].map(callCase).join("; ")}`,
  );
  lines.push(
    f.capacityWarnings.length === 0
      ? "  every case stays within the limit"
      : `  ABOVE THE LIMIT: ${f.capacityWarnings.join("; ")}`,
  );

  lines.push("", "Failover (worst detection + switch):");
  f.failover.forEach((x) =>
    lines.push(
      `  ${x.entryPoint}: ${duration(x.totalSeconds)} (${duration(x.detectionSeconds)} + ${duration(x.switchSeconds)}). ${x.basis}`,
    ),
  );

  lines.push("", "Recovery (RPO, retention, location):");
  f.recovery.forEach((r) =>
    lines.push(
      `  ${r.dataClass}: RPO ${r.rpo}, kept ${r.retentionDays === null ? "-" : `${r.retentionDays} d`}, ${r.location}`,
    ),
  );

  lines.push("", "Database per failure (RPO, RTO):");
  f.failureRecovery.forEach((x) => lines.push(`  ${x.failure}: RPO ${x.rpo}; RTO ${x.rto}. ${x.recovery}`));

  lines.push("", "Exposure (internet-facing ports):");
  f.exposure.forEach((e) => {
    const ports = e.fromPort === e.toPort ? `${e.fromPort}` : `${e.fromPort}-${e.toPort}`;
    const owners = [...new Set(e.sources.map((s) => s.owner))];
    lines.push(
      `  ${e.site.padEnd(6)} ${e.tier.padEnd(7)} ${`${e.protocol}/${ports}`.padEnd(15)} ${e.service.padEnd(9)} ${e.entry}: ${e.sources.length} CIDR${e.sources.length === 1 ? "" : "s"} (${owners.join(", ")})`,
    );
  });
  lines.push("  NAT gateways: no inbound ports (replies only).");
  return lines.join("\n");
}

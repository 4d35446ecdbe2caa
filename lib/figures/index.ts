// The resilience figures of §4, computed from the config alone (no Pulumi, no cloud).
import type { NetworkConfig } from "../../config/schema";
import { PoolCapacity, capacityFigures } from "./capacity";
import { ExposedPort, exposureFigures } from "./exposure";
import { FailoverFigure, failoverFigures } from "./failover";
import { FailureRecoveryFigure, RecoveryFigure, failureRecoveryFigures, recoveryFigures } from "./recovery";

export { capacityFigures, hostsInFullestAz } from "./capacity";
export type { PoolCapacity } from "./capacity";
export { exposureFigures } from "./exposure";
export type { ExposedPort } from "./exposure";
export { failoverFigures } from "./failover";
export type { FailoverFigure } from "./failover";
export { failureRecoveryFigures, recoveryFigures } from "./recovery";
export type { FailureRecoveryFigure, RecoveryFigure } from "./recovery";

export interface Figures {
  readonly capacity: PoolCapacity[];
  readonly failover: FailoverFigure[];
  readonly recovery: RecoveryFigure[];
  /** RPO and RTO of the core database per failure (an AZ, the primary's region). */
  readonly failureRecovery: FailureRecoveryFigure[];
  readonly exposure: ExposedPort[];
  /** Capacity cases above the promised ceiling, as `tier: lost -> load`; empty when the promise holds. */
  readonly capacityWarnings: string[];
}

/** All figures; `cloudflareIpv4` is Cloudflare's published proxy ranges (the web origins' only sources). */
export function computeFigures(config: NetworkConfig, cloudflareIpv4: readonly string[]): Figures {
  const capacity = capacityFigures(config);
  return {
    capacity,
    failover: failoverFigures(config),
    recovery: recoveryFigures(config),
    failureRecovery: failureRecoveryFigures(config),
    exposure: exposureFigures(config, cloudflareIpv4),
    capacityWarnings: capacityWarnings(capacity),
  };
}

/** One line per case above the ceiling. */
export function capacityWarnings(capacity: readonly PoolCapacity[]): string[] {
  return capacity.flatMap((pool) =>
    [...pool.siteLoss, ...pool.azLoss]
      .filter((c) => c.aboveLimit)
      .map(
        (c) =>
          `${pool.tier}: losing ${c.lost} leaves ${c.loadPercent === null ? "no host" : `${c.loadPercent}% per host`} (limit ${pool.limitPercent}%)`,
      ),
  );
}

// The trunk routing table the SBC software reads (S15): pure data, no Pulumi, so it is testable alone.
import type { NetworkConfig } from "../../config/schema";

export interface TrunkTable {
  /** Format version, for the SBC software. */
  readonly version: 1;
  /** Destination -> carrier names in preference order (the order of `carriers` in config): on a failed setup the SBC tries the next. */
  readonly destinations: Record<string, string[]>;
  /** Carrier -> where its signalling comes from and goes to. */
  readonly carriers: Record<string, { readonly signallingCidrs: string[] }>;
}

/** SSM parameter value limits: 4 KB standard, 8 KB advanced. */
export const STANDARD_PARAMETER_BYTES = 4096;
export const ADVANCED_PARAMETER_BYTES = 8192;

/**
 * Destination -> carriers, each destination's list in config order. Carriers are listed once with
 * their CIDRs (not repeated per destination) so 60+ countries fit one parameter.
 */
export function buildTrunkTable(carriers: NetworkConfig["carriers"]): TrunkTable {
  const destinations = new Map<string, string[]>();
  carriers.forEach((carrier) =>
    carrier.destinations.forEach((d) => {
      const list = destinations.get(d) ?? [];
      if (!list.includes(carrier.name)) list.push(carrier.name);
      destinations.set(d, list);
    }),
  );
  return {
    version: 1,
    destinations: Object.fromEntries([...destinations.keys()].sort().map((d) => [d, destinations.get(d)!])),
    carriers: Object.fromEntries(carriers.map((c) => [c.name, { signallingCidrs: [...c.signallingCidrs] }])),
  };
}

/** SSM parameter name of a site's trunk table. */
export function trunkParameterName(environment: string, site: string): string {
  return `/callmyway/${environment}/${site}/trunks`;
}

/** The parameter tier a table needs; refuses a table larger than SSM can hold. */
export function parameterTierFor(json: string): "Standard" | "Advanced" {
  const bytes = Buffer.byteLength(json, "utf8");
  if (bytes <= STANDARD_PARAMETER_BYTES) return "Standard";
  if (bytes <= ADVANCED_PARAMETER_BYTES) return "Advanced";
  throw new Error(
    `the trunk table is ${bytes} bytes; an SSM parameter holds at most ${ADVANCED_PARAMETER_BYTES}: split it or shorten the carrier lists`,
  );
}

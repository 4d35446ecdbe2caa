// The sites of the network as the rest of the program sees them: AWS sites in config order, and
// data centres with the AWS sites their VPNs end at. The single source of home sites.
import type { AwsSiteConfig, NetworkConfig, OnpremSiteConfig } from "../../config/schema";

/** A data centre and the AWS sites its Site-to-Site VPNs end at, in order (the first is preferred). */
export interface DataCentre {
  readonly site: OnpremSiteConfig;
  readonly homeSites: readonly string[];
}

export function awsSitesOf(config: Pick<NetworkConfig, "sites">): AwsSiteConfig[] {
  return config.sites.filter((s): s is AwsSiteConfig => s.kind === "aws");
}

/**
 * The AWS sites a data centre connects to, in order: its own list, or the first two AWS sites. A
 * single listed site is completed with the first other AWS site, so every data centre is dual-homed
 * whenever two AWS sites exist (S7).
 */
export function homeSitesOf(config: Pick<NetworkConfig, "sites">, dc: OnpremSiteConfig): string[] {
  const all = awsSitesOf(config).map((s) => s.name);
  const listed = dc.homeSites ?? all.slice(0, 2);
  const second = all.find((name) => !listed.includes(name));
  return listed.length < 2 && second !== undefined ? [...listed, second] : [...listed];
}

export function dataCentresOf(config: Pick<NetworkConfig, "sites">): DataCentre[] {
  return config.sites
    .filter((s): s is OnpremSiteConfig => s.kind === "onprem")
    .map((site) => ({ site, homeSites: homeSitesOf(config, site) }));
}

/** AZ indexes that hold a NAT gateway: every AZ (`perAz`), or the first only (`single`). */
export function natAzsOf(site: AwsSiteConfig): number[] {
  return site.natGateways === "perAz" ? Array.from({ length: site.azCount }, (_, i) => i) : [0];
}

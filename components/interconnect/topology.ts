// Who connects to whom over transit and VPN: pure decisions from the config. Home sites come from
// the network model (lib/model/sites.ts), the one place they are decided.
import { NetworkConfig, OnpremSiteConfig } from "../../config";
import { homeSitesOf } from "../../lib/model";
import { TunnelKey } from "./tunnelAddressing";

export function onpremSites(config: Pick<NetworkConfig, "sites">): OnpremSiteConfig[] {
  return config.sites.filter((s): s is OnpremSiteConfig => s.kind === "onprem");
}

/** Every unordered pair of AWS sites, in config order: n(n-1)/2 peerings. */
export function peeringPairs<T>(sites: readonly T[]): [T, T][] {
  return sites.flatMap((a, i) => sites.slice(i + 1).map((b): [T, T] => [a, b]));
}

/**
 * CIDRs a site's transit gateway sends over its peering with `peer`: the peer's own CIDR and every
 * data centre whose first home is the peer and that is not homed at `site` itself (a data centre
 * homed here is learned over its own VPN by BGP, and a static route would override it).
 */
export function cidrsViaPeer(config: Pick<NetworkConfig, "sites">, site: string, peer: string): string[] {
  const peerCidr = config.sites.find((s) => s.name === peer)!.cidr;
  const dcs = onpremSites(config).filter((dc) => {
    const homes = homeSitesOf(config, dc);
    return homes[0] === peer && !homes.includes(site);
  });
  return [peerCidr, ...dcs.map((dc) => dc.cidr)];
}

/** Every private block outside a site that its core and data tiers must reach: other sites and data centres. */
export function remoteCidrsOf(config: Pick<NetworkConfig, "sites">, site: string): string[] {
  return config.sites.filter((s) => s.name !== site).map((s) => s.cidr);
}

/** Every VPN tunnel of the stack in config order: data centre, then home site, then tunnel 1 and 2. */
export function tunnelKeys(config: Pick<NetworkConfig, "sites">): TunnelKey[] {
  return onpremSites(config).flatMap((dc) =>
    homeSitesOf(config, dc).flatMap((homeSite) =>
      ([1, 2] as const).map((tunnel) => ({ dataCentre: dc.name, homeSite, tunnel })),
    ),
  );
}

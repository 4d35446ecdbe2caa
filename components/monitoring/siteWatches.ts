import type { DataCentreVpn } from "../interconnect/dataCentreVpn";
import { SitePools } from "../pools";
import { SiteWatches } from "./buildMonitoring";

/**
 * What the monitoring watches at a site: both scaling groups, every SBC, the web entry, and the VPN
 * connections of data centres that end at this site.
 */
export function siteWatches(pools: SitePools, dataCentres: Readonly<Record<string, DataCentreVpn>>): SiteWatches {
  const site = pools.entryPoints.site;
  return {
    pools: [
      { tier: "web", autoScalingGroupName: pools.web.group.name },
      { tier: "core", autoScalingGroupName: pools.core.group.name },
    ],
    sbcInstances: pools.sbc.slots.map((s) => ({ slot: s.slot, instanceId: s.instance.id })),
    alb: { arnSuffix: pools.web.alb.arnSuffix, targetGroupArnSuffixes: [pools.web.targetGroup.arnSuffix] },
    vpnConnections: Object.entries(dataCentres).flatMap(([dataCentre, vpn]) =>
      vpn.connections
        .filter((c) => c.site === site)
        .map(({ connection }) => ({
          name: dataCentre,
          id: connection.id,
          tunnelAddresses: [connection.tunnel1Address, connection.tunnel2Address],
        })),
    ),
  };
}

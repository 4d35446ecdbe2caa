import { Interconnect } from "../interconnect";
import { SitePools } from "../pools";
import { SiteWatches } from "./buildMonitoring";

/**
 * What the monitoring watches at each site: both scaling groups, every SBC, the web entry, and the
 * VPN connections of data centres that end at this site.
 */
export function siteWatches(pools: readonly SitePools[], interconnect: Interconnect): Record<string, SiteWatches> {
  const vpnsBySite = new Map<string, NonNullable<SiteWatches["vpnConnections"]>[number][]>();
  Object.entries(interconnect.dataCentres).forEach(([dataCentre, vpn]) =>
    vpn.connections.forEach(({ site, connection }) =>
      vpnsBySite.set(site, [
        ...(vpnsBySite.get(site) ?? []),
        {
          name: dataCentre,
          id: connection.id,
          tunnelAddresses: [connection.tunnel1Address, connection.tunnel2Address],
        },
      ]),
    ),
  );
  return Object.fromEntries(
    pools.map((p) => [
      p.entryPoints.site,
      {
        pools: [
          { tier: "web", autoScalingGroupName: p.web.group.name },
          { tier: "core", autoScalingGroupName: p.core.group.name },
        ],
        sbcInstances: p.sbc.slots.map((s) => ({ slot: s.slot, instanceId: s.instance.id })),
        alb: { arnSuffix: p.web.alb.arnSuffix, targetGroupArnSuffixes: [p.web.targetGroup.arnSuffix] },
        vpnConnections: vpnsBySite.get(p.entryPoints.site) ?? [],
      },
    ]),
  );
}

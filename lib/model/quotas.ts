// What the network needs of each per-region (or per-resource) AWS quota, counted from the model's
// own lists: config validation compares it with `awsQuotas`, so a network that would not deploy is
// refused before any preview. Defaults and sources are in config/schema.ts (awsQuotas).
import type { NetworkConfig } from "../../config/schema";
import type { NetworkModel } from ".";
import { INTERFACE_ENDPOINT_SERVICES } from "./endpoints";
import { listKey } from "./allowLists";
import { groupKey } from "./firewall";
import { natAzsOf } from "./sites";

export type QuotaKey = keyof NetworkConfig["awsQuotas"];

/** One count against one quota: where, how many, of what. */
export interface QuotaUse {
  readonly key: QuotaKey;
  readonly where: string;
  readonly needed: number;
  readonly what: string;
}

function peeringsPerGateway(model: NetworkModel): QuotaUse[] {
  const n = model.awsSites.length;
  // A full mesh: every gateway peers with every other one.
  return model.awsSites.slice(0, 1).map(() => ({
    key: "transitGatewayPeeringsPerGateway",
    where: `${n} AWS sites`,
    needed: n - 1,
    what: `transit gateway peerings per gateway (full mesh, ${(n * (n - 1)) / 2} in all)`,
  }));
}

function securityGroupRules(model: NetworkModel): QuotaUse[] {
  // Rules on a published list (Cloudflare's ranges) are counted when the program runs (the pools refuse an oversized group).
  // Counted in one pass over the rules: a filter per group made this quadratic in the sites.
  // A rule on a prefix list counts as many rules as the list's max entries, which is its entry count
  // (components/network/allowLists.ts; allowLists.ts cites AWS).
  const entries = new Map(model.firewall.lists.map((l) => [listKey(l.ref), l.entries.length]));
  const counts = new Map<string, number>();
  model.firewall.rules
    .filter((r) => r.peer.kind !== "published")
    .forEach((r) => {
      const key = `${groupKey(r.group)} ${r.direction}`;
      const weight = r.peer.kind === "list" ? entries.get(listKey(r.peer.list))! : 1;
      counts.set(key, (counts.get(key) ?? 0) + weight);
    });
  return model.firewall.groups.flatMap((g) =>
    (["in", "out"] as const).map((direction) => ({
      key: "securityGroupRulesPerDirection" as const,
      where: `security group ${groupKey(g.ref)}`,
      needed: counts.get(`${groupKey(g.ref)} ${direction}`) ?? 0,
      what: `${direction === "in" ? "ingress" : "egress"} rules`,
    })),
  );
}

function perSite(model: NetworkModel): QuotaUse[] {
  return model.awsSites.flatMap((s): QuotaUse[] => {
    const where = `site ${s.name} (${s.region})`;
    const natAzs = natAzsOf(s);
    const nat = natAzs.length;
    const busiestAz = Math.max(0, ...natAzs.map((az) => natAzs.filter((other) => other === az).length));
    return [
      {
        key: "elasticIpsPerRegion",
        where,
        needed: nat + s.pools.sbc.count,
        what: `Elastic IPs (${nat} NAT gateways + ${s.pools.sbc.count} SBCs)`,
      },
      { key: "natGatewaysPerAz", where, needed: busiestAz, what: "NAT gateways in its busiest AZ" },
      // The VPC's default group counts too.
      {
        key: "securityGroupsPerRegion",
        where,
        needed: model.firewall.groups.filter((g) => g.ref.site === s.name).length + 1,
        what: "security groups",
      },
      {
        key: "interfaceEndpointsPerVpc",
        where,
        needed: INTERFACE_ENDPOINT_SERVICES.length,
        what: "interface endpoints",
      },
      {
        key: "siteToSiteVpnConnectionsPerRegion",
        where,
        needed: model.dataCentres.filter((dc) => dc.homeSites.includes(s.name)).length,
        what: "Site-to-Site VPN connections (data centres homed here)",
      },
    ];
  });
}

function clientVpn(model: NetworkModel): QuotaUse[] {
  const where = `the admin Client VPN in ${model.admin.site.name}`;
  return [
    {
      key: "clientVpnAuthorizationRulesPerEndpoint",
      where,
      needed: model.admin.authorisedCidrs.length,
      what: "authorisation rules",
    },
    {
      key: "clientVpnRoutesPerAssociation",
      where,
      needed: model.admin.routedCidrs.length,
      what: "routes per subnet association",
    },
  ];
}

/** Every count the network makes against a quota. */
export function quotaUses(model: NetworkModel): QuotaUse[] {
  return [...peeringsPerGateway(model), ...securityGroupRules(model), ...perSite(model), ...clientVpn(model)];
}

/** The uses that exceed the quotas the account states. */
export function quotasExceeded(model: NetworkModel, quotas: NetworkConfig["awsQuotas"]): QuotaUse[] {
  return quotaUses(model).filter((u) => u.needed > quotas[u.key]);
}

/** The largest count per quota: what an account must grant for this network. */
export function quotasNeeded(model: NetworkModel): Record<QuotaKey, number> {
  const needed = {} as Record<QuotaKey, number>;
  quotaUses(model).forEach((u) => (needed[u.key] = Math.max(needed[u.key] ?? 0, u.needed)));
  return needed;
}

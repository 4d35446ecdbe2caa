// Every internet-facing port (§4, S2, S8): on which tier, from which CIDRs. Read from the network
// model: the SBC and web rows are the security groups' own internet rules, the rest are the
// AWS-managed endpoints (Client VPN, Site-to-Site VPN) the model places.
import type { NetworkConfig } from "../../config/schema";
import { isPublic, mustParseCidr } from "../ipv4";
import { FirewallRule, NetworkModel, buildModel, rulesOf, withListsExpanded, withPublished } from "../model";

export type Protocol = "udp" | "tcp";

export interface Source {
  readonly cidr: string;
  /** Who the CIDR belongs to (carrier, customer, Cloudflare, ...). */
  readonly owner: string;
}

export interface ExposedPort {
  readonly site: string;
  readonly tier: "sbc" | "web" | "network";
  /** What answers on the port. */
  readonly entry: string;
  readonly service: string;
  readonly protocol: Protocol;
  readonly fromPort: number;
  readonly toPort: number;
  readonly sources: Source[];
}

/** AWS Client VPN's defaults (transport UDP, port 443); the endpoint accepts any address, then demands a client certificate. */
export const CLIENT_VPN = { protocol: "udp" as const, port: 443 };

/** A group's ingress from public CIDRs, one row per protocol and port range, every party of every rule a source. */
function internetRows(
  rules: readonly FirewallRule[],
  row: Pick<ExposedPort, "site" | "tier" | "entry">,
): ExposedPort[] {
  const rows = new Map<string, ExposedPort>();
  rules.forEach((r) => {
    if (r.peer.kind !== "cidr" || !isPublic(mustParseCidr(r.peer.cidr))) return;
    const key = `${r.protocol} ${r.fromPort}-${r.toPort}`;
    const seen = rows.get(key) ?? {
      ...row,
      service: r.service,
      protocol: r.protocol,
      fromPort: r.fromPort,
      toPort: r.toPort,
      sources: [],
    };
    const cidr = r.peer.cidr;
    rows.set(key, { ...seen, sources: [...seen.sources, ...r.parties.map((owner) => ({ cidr, owner }))] });
  });
  return [...rows.values()];
}

export function exposureFromModel(model: NetworkModel, cloudflareIpv4: readonly string[]): ExposedPort[] {
  const published = { "cloudflare-ipv4": cloudflareIpv4 };
  return model.awsSites.flatMap((site): ExposedPort[] => {
    const ingress = (role: "sbc" | "alb") =>
      withPublished(
        withListsExpanded(rulesOf(model.firewall, { site: site.name, role }, "in"), model.firewall),
        published,
      );
    const ipsec = model.dataCentres
      .filter((dc) => dc.homeSites.includes(site.name))
      .map((dc) => ({ cidr: `${dc.site.vpnDevice.publicIp}/32`, owner: `data centre ${dc.site.name}` }));
    const vpnEndpoint = {
      site: site.name,
      tier: "network" as const,
      entry: "Site-to-Site VPN tunnels (AWS-managed)",
      protocol: "udp" as const,
      sources: ipsec,
    };
    return [
      ...internetRows(ingress("sbc"), { site: site.name, tier: "sbc", entry: "SBC Elastic IPs" }),
      ...internetRows(ingress("alb"), { site: site.name, tier: "web", entry: "ALB" }),
      ...(site.name === model.admin.site.name
        ? [
            {
              site: site.name,
              tier: "network" as const,
              entry: "Client VPN endpoint (AWS-managed, mutual TLS)",
              service: "OpenVPN",
              protocol: CLIENT_VPN.protocol,
              fromPort: CLIENT_VPN.port,
              toPort: CLIENT_VPN.port,
              sources: [{ cidr: "0.0.0.0/0", owner: "admin workstations (certificate required)" }],
            },
          ]
        : []),
      ...(ipsec.length > 0
        ? [
            { ...vpnEndpoint, service: "IKE", fromPort: 500, toPort: 500 },
            { ...vpnEndpoint, service: "IKE NAT-T", fromPort: 4500, toPort: 4500 },
          ]
        : []),
      // NAT gateways accept no inbound connection: only replies to what the private hosts opened.
    ];
  });
}

export function exposureFigures(config: NetworkConfig, cloudflareIpv4: readonly string[]): ExposedPort[] {
  return exposureFromModel(buildModel(config), cloudflareIpv4);
}

// Every internet-facing port (§4, S2, S8): on which tier, from which CIDRs. Derived from the config
// by the same rules the SBC and web security groups follow, so the figure and the firewall agree.
import type { AwsSiteConfig, NetworkConfig } from "../../config/schema";

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

export interface SbcIngressRule {
  readonly service: "SIP" | "SIP-TLS" | "RTP";
  readonly protocol: "udp" | "tcp";
  readonly fromPort: number;
  readonly toPort: number;
  readonly sources: Source[];
}

export const SIP_PORT = 5060;
export const SIP_TLS_PORT = 5061;
export const WEB_PORTS = [80, 443] as const;
/** AWS Client VPN's defaults (transport UDP, port 443); the endpoint accepts any address, then demands a client certificate. */
export const CLIENT_VPN = { protocol: "udp" as const, port: 443 };

/** SBC firewall: SIP from carriers' signalling and customers' SIP ranges, RTP from carriers' media and customers' SIP ranges. */
export function sbcIngress(config: NetworkConfig): SbcIngressRule[] {
  const signalling: Source[] = [
    ...config.carriers.flatMap((c) => c.signallingCidrs.map((cidr) => ({ cidr, owner: `carrier ${c.name}` }))),
    ...config.customers.flatMap((c) => c.sipCidrs.map((cidr) => ({ cidr, owner: `customer ${c.name}` }))),
  ];
  // Customers' phones and PBXs send media from the addresses they signal from.
  const media: Source[] = [
    ...config.carriers.flatMap((c) => c.mediaCidrs.map((cidr) => ({ cidr, owner: `carrier ${c.name}` }))),
    ...config.customers.flatMap((c) => c.sipCidrs.map((cidr) => ({ cidr, owner: `customer ${c.name}` }))),
  ];
  const { rtp } = config.ports;
  return [
    { service: "SIP", protocol: "udp", fromPort: SIP_PORT, toPort: SIP_PORT, sources: signalling },
    { service: "SIP", protocol: "tcp", fromPort: SIP_PORT, toPort: SIP_PORT, sources: signalling },
    { service: "SIP-TLS", protocol: "tcp", fromPort: SIP_TLS_PORT, toPort: SIP_TLS_PORT, sources: signalling },
    { service: "RTP", protocol: "udp", fromPort: rtp.from, toPort: rtp.to, sources: media },
  ];
}

/** The AWS sites a data centre's VPN ends at: its homeSites, else the first two AWS sites. */
export function homeSitesOf(config: NetworkConfig, site: Extract<NetworkConfig["sites"][number], { kind: "onprem" }>): string[] {
  return site.homeSites ?? config.sites.filter((s) => s.kind === "aws").slice(0, 2).map((s) => s.name);
}

export function exposureFigures(config: NetworkConfig, cloudflareIpv4: readonly string[]): ExposedPort[] {
  const awsSites = config.sites.filter((s): s is AwsSiteConfig => s.kind === "aws");
  const cloudflare = cloudflareIpv4.map((cidr) => ({ cidr, owner: "Cloudflare" }));
  const vpnSite = config.admin.vpnSite ?? awsSites[0]?.name;
  return awsSites.flatMap((site): ExposedPort[] => {
    const dataCentres = config.sites.flatMap((s) => (s.kind === "onprem" && homeSitesOf(config, s).includes(site.name) ? [s] : []));
    const ipsec = dataCentres.map((dc) => ({ cidr: `${dc.vpnDevice.publicIp}/32`, owner: `data centre ${dc.name}` }));
    return [
      ...sbcIngress(config).map((r) => ({ site: site.name, tier: "sbc" as const, entry: "SBC Elastic IPs", ...r })),
      ...WEB_PORTS.map((port) => ({
        site: site.name,
        tier: "web" as const,
        entry: "ALB",
        service: port === 443 ? "HTTPS" : "HTTP",
        protocol: "tcp" as const,
        fromPort: port,
        toPort: port,
        sources: cloudflare,
      })),
      ...(site.name === vpnSite
        ? [{
            site: site.name,
            tier: "network" as const,
            entry: "Client VPN endpoint (AWS-managed, mutual TLS)",
            service: "OpenVPN",
            protocol: CLIENT_VPN.protocol,
            fromPort: CLIENT_VPN.port,
            toPort: CLIENT_VPN.port,
            sources: [{ cidr: "0.0.0.0/0", owner: "admin workstations (certificate required)" }],
          }]
        : []),
      ...(ipsec.length > 0
        ? [
            { site: site.name, tier: "network" as const, entry: "Site-to-Site VPN tunnels (AWS-managed)", service: "IKE", protocol: "udp" as const, fromPort: 500, toPort: 500, sources: ipsec },
            { site: site.name, tier: "network" as const, entry: "Site-to-Site VPN tunnels (AWS-managed)", service: "IKE NAT-T", protocol: "udp" as const, fromPort: 4500, toPort: 4500, sources: ipsec },
          ]
        : []),
      // NAT gateways accept no inbound connection: only replies to what the private hosts opened.
    ];
  });
}

// Wiring of the admin VPN from the config: which site hosts it and what admins may reach.
import { NetworkConfig } from "../../config";
import { tierCidr } from "../network/subnetLayout";
import { AwsSite } from "../site";
import { AdminClientVpn, AdminDestination } from "./clientVpn";

/** Core and data blocks of every AWS site, and every data centre: all admins may reach, nothing wider. */
export function adminDestinations(config: NetworkConfig): AdminDestination[] {
  return config.sites.flatMap((s) =>
    s.kind === "aws"
      ? (["core", "data"] as const).map((tier) => ({ cidr: tierCidr(s.cidr, tier), description: `${s.name} ${tier} tier` }))
      : [{ cidr: s.cidr, description: `data centre ${s.name}` }],
  );
}

/** TCP ports admins use: SSH, HTTPS, the core API and the database. */
export function adminTcpPorts(config: NetworkConfig): number[] {
  return [...new Set([22, 443, config.ports.coreApi, config.ports.database])];
}

/** The admin Client VPN in `admin.vpnSite` (default: the first AWS site). */
export function buildAdminAccess(config: NetworkConfig, sites: readonly AwsSite[]): { site: string; vpn: AdminClientVpn } {
  const siteName = config.admin.vpnSite ?? sites[0].config.name;
  const site = sites.find((s) => s.config.name === siteName);
  if (!site) throw new Error(`admin.vpnSite "${siteName}" is not an AWS site of this stack`);
  const vpn = new AdminClientVpn(`${siteName}-admin-vpn`, {
    environment: config.environment,
    site: siteName,
    vpcId: site.network.vpc.id,
    vpcCidr: site.config.cidr,
    coreSubnetIds: site.network.subnets.core.map((s) => s.id),
    clientCidr: config.admin.clientCidr,
    destinations: adminDestinations(config),
    tcpPorts: adminTcpPorts(config),
    workstations: config.admin.workstations.map((w) => w.name),
    tags: site.network.tags,
  }, { provider: site.provider });
  return { site: siteName, vpn };
}

// CallMyWay network: load and validate the stack config, build every site, return what operators
// and later stacks need. Composition only: the work lives in components/.
//
// The program is an async function (the Pulumi runtime awaits it) because some decisions need
// provider data as plain values before resources are declared: one security-group rule per
// Cloudflare range cannot be created inside an apply without vanishing from previews.
import * as cloudflare from "@pulumi/cloudflare";
import { loadConfig } from "./config";
import { SUBNET_TIERS } from "./components/network";
import { cloudflareProvider } from "./components/providers";
import { buildAwsSites } from "./components/site";
import { Interconnect } from "./components/interconnect";
import { buildAdminAccess } from "./components/admin";

export = async () => {
  const config = loadConfig();
  const cloudflareProviderInstance = cloudflareProvider();
  // Cloudflare's published proxy ranges: the only sources web origins accept (S3).
  const cloudflareRanges = await cloudflare.getIpRanges({}, { provider: cloudflareProviderInstance });
  const sites = buildAwsSites(config);
  const interconnect = new Interconnect("interconnect", { config, sites });
  const adminVpn = buildAdminAccess(config, sites);

  return {
    environment: config.environment,
    cloudflareIpv4Ranges: cloudflareRanges.ipv4Cidrs,
    networks: Object.fromEntries(
      sites.map(({ config: site, network }) => [
        site.name,
        {
          region: site.region,
          cidr: site.cidr,
          vpcId: network.vpc.id,
          subnetIds: Object.fromEntries(SUBNET_TIERS.map((tier) => [tier, network.subnets[tier].map((s) => s.id)])),
          natPublicIps: network.natGateways.map((n) => n.publicIp),
        },
      ]),
    ),
    transitGatewayIds: Object.fromEntries(Object.entries(interconnect.transitGateways).map(([site, t]) => [site, t.transitGateway.id])),
    transitPeerings: interconnect.mesh.peerings.map((p) => ({ from: p.from, to: p.to, attachmentId: p.attachment.id })),
    // What each data centre's VPN device needs (tunnel addresses, keys): secret.
    dataCentreVpnConfigurations: Object.fromEntries(
      Object.entries(interconnect.dataCentres).map(([dc, vpn]) => [dc, vpn.customerGatewayConfigurations]),
    ),
    adminVpn: { site: adminVpn.site, endpointId: adminVpn.vpn.endpoint.id, dnsName: adminVpn.vpn.endpoint.dnsName },
    // Per workstation: certificate, private key, CA and endpoint name (secret).
    adminClientBundles: adminVpn.vpn.clientBundles,
  };
};

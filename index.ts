// CallMyWay network: load and validate the stack config, build every site, return what operators
// and later stacks need. Composition only: the work lives in components/.
//
// The program is an async function (the Pulumi runtime awaits it) because some decisions need
// provider data as plain values before resources are declared: one security-group rule per
// Cloudflare range cannot be created inside an apply without vanishing from previews.
import * as cloudflare from "@pulumi/cloudflare";
import { loadConfig } from "./config";
import { buildModel } from "./lib/model";
import { buildBackups } from "./components/backup";
import { buildDatabase } from "./components/database";
import { GlobalDns } from "./components/dns";
import { buildAlertTopics, buildMonitoring, nocTopicOf, siteWatches } from "./components/monitoring";
import { SUBNET_TIERS } from "./components/network";
import { buildPools } from "./components/pools";
import { cloudflareProvider } from "./components/providers";
import { buildAwsSites } from "./components/site";
import { Interconnect } from "./components/interconnect";
import { buildAdminAccess } from "./components/admin";

export = async () => {
  const config = loadConfig();
  const model = buildModel(config);
  const cloudflareProviderInstance = cloudflareProvider();
  // Cloudflare's published proxy ranges: the only sources web origins accept (S3).
  const cloudflareRanges = await cloudflare.getIpRanges({}, { provider: cloudflareProviderInstance });
  const sites = buildAwsSites(config, model);
  const alerts = buildAlertTopics(config.monitoring.levels, sites);
  const nocTopics = Object.fromEntries(sites.map((s) => [s.config.name, nocTopicOf(alerts[s.config.name])]));
  const adminVpn = buildAdminAccess(config, model, sites);
  const adminVpnGroup = { site: adminVpn.site, securityGroupId: adminVpn.vpn.securityGroup.id };
  const pools = buildPools(
    config,
    model,
    sites,
    nocTopics,
    { provider: cloudflareProviderInstance, ipv4Ranges: cloudflareRanges.ipv4Cidrs },
    adminVpnGroup,
  );
  const database = buildDatabase(
    config,
    model.firewall,
    sites.map((site, i) => ({ site, coreGroup: pools[i].groups.core })),
    adminVpnGroup,
  );
  const dns = new GlobalDns(
    "dns",
    { dns: config.dns, sites: pools.map((p) => p.entryPoints) },
    { provider: cloudflareProviderInstance },
  );
  const interconnect = new Interconnect("interconnect", { config, sites });
  const backups = buildBackups(
    config,
    sites,
    Object.fromEntries(Object.entries(nocTopics).map(([site, noc]) => [site, noc.topicArn])),
  );
  const monitoring = buildMonitoring(config, sites, alerts, siteWatches(pools, interconnect));

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
    backups: {
      isolatedRegion: backups.isolated.region,
      isolatedVaultArn: backups.isolated.vaultArn,
      siteVaultArns: Object.fromEntries(Object.entries(backups.sites).map(([name, b]) => [name, b.vault.arn])),
    },
    monitoring: Object.fromEntries(
      sites.map(({ config: site, agentConfig }) => [
        site.name,
        {
          alertTopicArns: Object.fromEntries(
            alerts[site.name].levelNames.map((level, i) => [level, alerts[site.name].level(i)]),
          ),
          dashboard: monitoring[site.name].dashboard.dashboardName,
          agentConfigParameter: agentConfig.parameterName,
        },
      ]),
    ),
    // What carriers allowlist and what Cloudflare's pools point at, per site.
    pools: Object.fromEntries(
      pools.map((p) => [
        p.entryPoints.site,
        { albDnsName: p.entryPoints.albDnsName, sbcPublicIps: p.entryPoints.sbcs.map((s) => s.publicIp) },
      ]),
    ),
    coreDatabase: { endpoint: database.instance.endpoint, replicaEndpoint: database.replica?.endpoint },
    dnsFailover: dns.failover,
    transitGatewayIds: Object.fromEntries(
      Object.entries(interconnect.transitGateways).map(([site, t]) => [site, t.transitGateway.id]),
    ),
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

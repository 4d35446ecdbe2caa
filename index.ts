// CallMyWay network: load and validate the stack config, build every site, return what operators
// and later stacks need. Composition only: the work lives in components/.
//
// The program is an async function (the Pulumi runtime awaits it) because some decisions need
// provider data as plain values before resources are declared: one security-group rule per
// Cloudflare range cannot be created inside an apply without vanishing from previews.
import * as cloudflare from "@pulumi/cloudflare";
import { loadConfig } from "./config";
import { buildBackups } from "./components/backup";
import { buildMonitoring } from "./components/monitoring";
import { SUBNET_TIERS } from "./components/network";
import { cloudflareProvider } from "./components/providers";
import { buildAwsSites } from "./components/site";

export = async () => {
  const config = loadConfig();
  const cloudflareProviderInstance = cloudflareProvider();
  // Cloudflare's published proxy ranges: the only sources web origins accept (S3).
  const cloudflareRanges = await cloudflare.getIpRanges({}, { provider: cloudflareProviderInstance });
  const sites = buildAwsSites(config);
  const backups = buildBackups(config, sites);
  const monitoring = buildMonitoring(config, sites);

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
      sites.map(({ config: site, alerts, agentConfig }) => [
        site.name,
        {
          alertTopicArns: Object.fromEntries(alerts.levelNames.map((level, i) => [level, alerts.level(i)])),
          dashboard: monitoring[site.name].dashboard.dashboardName,
          agentConfigParameter: agentConfig.parameterName,
        },
      ]),
    ),
  };
};

// One AWS site's stack: everything in the site's region, reading the shared stack (and, for the
// web validation records and the database replica, one other site's stack) through StackReferences.
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../config";
import { NetworkModel } from "../lib/model";
import { buildAdminAccess, type AdminPki, type KeyPair } from "../components/admin";
import { buildSiteBackup } from "../components/backup";
import { buildSiteDatabase } from "../components/database";
import { buildSiteInterconnect } from "../components/interconnect";
import { buildAlertTopics, buildMonitoring, nocTopicOf, siteWatches } from "../components/monitoring";
import { SUBNET_TIERS } from "../components/network";
import { buildPools, ValidationRecordsOfSite, WebValidationRecords, type ValidationCname } from "../components/pools";
import { cloudflareProvider } from "../components/providers";
import { buildAwsSite } from "../components/site";
import { databaseRoles } from "../lib/model/databaseRoles";
import { stackNameOf } from "../lib/stacks/layout";
import { Upstreams } from "./references";

/** The PKI as the shared stack exports it, read back as Outputs (secret where the keys are). */
function pkiOf(
  upstream: pulumi.Output<{ ca: KeyPair; server: KeyPair; clients: Record<string, KeyPair> }>,
  workstations: readonly string[],
): AdminPki {
  const pair = (at: (p: { ca: KeyPair; server: KeyPair; clients: Record<string, KeyPair> }) => KeyPair): KeyPair => ({
    certPem: upstream.apply((p) => at(p).certPem as unknown as string),
    privateKeyPem: pulumi.secret(upstream.apply((p) => at(p).privateKeyPem as unknown as string)),
  });
  return {
    ca: pair((p) => p.ca),
    server: pair((p) => p.server),
    clients: Object.fromEntries(workstations.map((ws) => [ws, pair((p) => p.clients[ws])])),
  };
}

export async function siteStack(
  config: NetworkConfig,
  model: NetworkModel,
  environmentStack: string,
  siteName: string,
) {
  const upstreams = new Upstreams();
  const stackOf = (site: string) => stackNameOf(environmentStack, { kind: "site", site });
  const shared = upstreams.of(environmentStack);
  const site = buildAwsSite(config, model, siteName);
  const alerts = buildAlertTopics(config.monitoring.levels, [site])[siteName];
  const noc = nocTopicOf(alerts);

  const workstations = config.admin.workstations.map((w) => w.name);
  const admin =
    model.admin.site.name === siteName
      ? buildAdminAccess(config, model, site, pkiOf(shared.output("adminPki"), workstations))
      : undefined;
  const adminVpnGroup = admin ? { site: admin.site, securityGroupId: admin.vpn.securityGroup.id } : undefined;

  // The first AWS site writes the web names' validation records in Cloudflare; the others check theirs against them.
  const first = model.awsSites[0].name;
  const validationRecords =
    siteName === first
      ? new WebValidationRecords(config.dns.zoneId, cloudflareProvider())
      : new ValidationRecordsOfSite(
          first,
          upstreams.of(stackOf(first)).output<Record<string, ValidationCname>>("webValidationRecords"),
        );
  const pools = buildPools(
    config,
    model,
    site,
    noc,
    { validationRecords, cloudflareIpv4: await shared.value<string[]>("cloudflareIpv4Ranges") },
    adminVpnGroup,
  );

  const roles = databaseRoles(config);
  const primaryArn =
    roles.replicaSite === siteName && roles.primarySite !== siteName
      ? upstreams.of(stackOf(roles.primarySite)).output<string>("databaseArn")
      : undefined;
  const database = buildSiteDatabase(
    config,
    model.firewall,
    { site, coreGroup: pools.groups.core },
    adminVpnGroup,
    primaryArn,
  );
  const interconnect = buildSiteInterconnect(config, site);
  const backup = buildSiteBackup(
    config,
    site,
    shared.output<{ isolatedVaultArn: string }>("backups").apply((b) => b.isolatedVaultArn),
    noc,
  );
  const monitoring = buildMonitoring(
    config,
    [site],
    { [siteName]: alerts },
    {
      [siteName]: siteWatches(pools, interconnect.dataCentres),
    },
  )[siteName];

  const { network } = site;
  return {
    environment: config.environment,
    site: siteName,
    region: site.config.region,
    network: {
      cidr: site.config.cidr,
      vpcId: network.vpc.id,
      subnetIds: Object.fromEntries(SUBNET_TIERS.map((tier) => [tier, network.subnets[tier].map((s) => s.id)])),
      natPublicIps: network.natGateways.map((n) => n.publicIp),
    },
    // What the mesh stack peers.
    transitGateway: {
      id: interconnect.transitGateway.transitGateway.id,
      routeTableId: interconnect.transitGateway.routeTableId,
    },
    // What carriers allowlist and what Cloudflare's pools point at (the DNS stack reads them).
    entryPoints: {
      albDnsName: pools.entryPoints.albDnsName,
      sbcs: pools.entryPoints.sbcs.map((s) => ({ slot: s.slot, publicIp: s.publicIp })),
    },
    ...(validationRecords instanceof WebValidationRecords
      ? { webValidationRecords: validationRecords.exported() }
      : {}),
    ...(database.primary
      ? { databaseArn: database.primary.instance.arn, databaseEndpoint: database.primary.instance.endpoint }
      : {}),
    ...(database.replica ? { databaseReplicaEndpoint: database.replica.instance.endpoint } : {}),
    backupVaultArn: backup.vault.arn,
    monitoring: {
      alertTopicArns: Object.fromEntries(alerts.levelNames.map((level, i) => [level, alerts.level(i)])),
      dashboard: monitoring.dashboard.dashboardName,
      agentConfigParameter: site.agentConfig.parameterName,
    },
    // What each data centre's VPN device needs at this site (tunnel addresses, keys): secret.
    dataCentreVpnConfigurations: Object.fromEntries(
      Object.entries(interconnect.dataCentres).map(([dc, vpn]) => [dc, vpn.customerGatewayConfigurations]),
    ),
    ...(admin
      ? {
          adminVpn: { endpointId: admin.vpn.endpoint.id, dnsName: admin.vpn.endpoint.dnsName },
          // Per workstation: certificate, private key, CA and endpoint name (secret).
          adminClientBundles: admin.vpn.clientBundles,
        }
      : {}),
  };
}

import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { NetworkModel } from "../../lib/model";
import { NocTopic } from "../monitoring/buildAlertTopics";
import { AwsSite } from "../site";
import { WebValidationRecords } from "./certificate";
import { PoolsConfig, SitePools } from "./sitePools";

export { SitePools } from "./sitePools";
export type { PoolsConfig } from "./sitePools";
export type { PoolGroup } from "./securityGroups";

/** Every AWS site's pools (SBCs, web, core, their security groups, the trunk table), in site order. */
export function buildPools(
  config: PoolsConfig,
  model: NetworkModel,
  sites: readonly AwsSite[],
  /** Per site name, where the pools' alarms notify. */
  nocTopics: Record<string, NocTopic>,
  cloudflareArgs: { readonly provider: cloudflare.Provider; readonly ipv4Ranges: readonly string[] },
  /** The admin Client VPN: its site's core admits the endpoint's security group. */
  adminVpn?: { readonly site: string; readonly securityGroupId: pulumi.Input<string> },
): SitePools[] {
  const webValidationRecords = new WebValidationRecords(config.dns.zoneId, cloudflareArgs.provider);
  return sites.map(
    (site) =>
      new SitePools(
        `${site.config.name}-pools`,
        {
          site,
          noc: nocTopics[site.config.name],
          model,
          config,
          webValidationRecords,
          cloudflareIpv4: cloudflareArgs.ipv4Ranges,
          adminVpnGroup:
            adminVpn?.site === site.config.name ? { name: "admin-vpn", id: adminVpn.securityGroupId } : undefined,
        },
        { provider: site.provider },
      ),
  );
}

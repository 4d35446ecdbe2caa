import * as pulumi from "@pulumi/pulumi";
import { NetworkModel } from "../../lib/model";
import { NocTopic } from "../monitoring/buildAlertTopics";
import { AwsSite } from "../site";
import { ValidationRecordSource } from "./certificate";
import { PoolsConfig, SitePools } from "./sitePools";

export { SitePools } from "./sitePools";
export type { PoolsConfig } from "./sitePools";
export type { PoolGroup } from "./securityGroups";
export { ValidationRecordsOfSite, WebValidationRecords } from "./certificate";
export type { ValidationCname, ValidationRecordSource } from "./certificate";

/** One AWS site's pools (SBCs, web, core, their security groups, the trunk table). */
export function buildPools(
  config: PoolsConfig,
  model: NetworkModel,
  site: AwsSite,
  /** Where the pools' alarms notify. */
  noc: NocTopic,
  web: {
    /** The web names' validation records (written by the first site's stack, read by the others). */
    readonly validationRecords: ValidationRecordSource;
    /** Cloudflare's published IPv4 ranges, as plain values (from the shared stack). */
    readonly cloudflareIpv4: readonly string[];
  },
  /** The admin Client VPN: its site's core admits the endpoint's security group. */
  adminVpn?: { readonly site: string; readonly securityGroupId: pulumi.Input<string> },
): SitePools {
  return new SitePools(
    `${site.config.name}-pools`,
    {
      site,
      noc,
      model,
      config,
      webValidationRecords: web.validationRecords,
      cloudflareIpv4: web.cloudflareIpv4,
      adminVpnGroup:
        adminVpn?.site === site.config.name ? { name: "admin-vpn", id: adminVpn.securityGroupId } : undefined,
    },
    { provider: site.provider },
  );
}

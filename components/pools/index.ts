import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { AwsSite } from "../site";
import { tierCidr } from "../network/subnetLayout";
import { CoreDatabase } from "./database";
import { SitePools } from "./sitePools";

export * from "./corePool";
export * from "./database";
export * from "./sbcPool";
export * from "./sitePools";
export * from "./trunkTable";
export * from "./webPool";

export interface Pools {
  /** Per AWS site, in config order. */
  readonly sites: SitePools[];
  readonly database: CoreDatabase;
}

/** Every site's pools, then the core database in `database.site` (and its optional replica). */
export function buildPools(
  config: NetworkConfig,
  sites: readonly AwsSite[],
  cloudflareArgs: { readonly provider: cloudflare.Provider; readonly ipv4Ranges: readonly string[] },
  /** The admin Client VPN: its site's core admits the endpoint's security group. */
  adminVpn?: { readonly site: string; readonly securityGroupId: pulumi.Input<string> },
): Pools {
  const sitePools = sites.map(
    (site) =>
      new SitePools(`${site.config.name}-pools`, {
        site,
        config,
        cloudflareProvider: cloudflareArgs.provider,
        cloudflareIpv4: cloudflareArgs.ipv4Ranges,
        adminVpnGroup: adminVpn?.site === site.config.name ? { name: "admin-vpn", id: adminVpn.securityGroupId } : undefined,
      }, { provider: site.provider }),
  );
  const at = (name: string) => {
    const index = sites.findIndex((s) => s.config.name === name);
    if (index < 0) throw new Error(`database site "${name}" is not an AWS site of this stack`);
    return { site: sites[index], coreGroup: sitePools[index].groups.core };
  };
  const { database: db } = config;
  const database = new CoreDatabase("core-db", {
    settings: db,
    port: config.ports.database,
    maxRulesPerDirection: config.awsQuotas.securityGroupRulesPerDirection,
    primary: at(db.site),
    remoteCores: sites.filter((s) => s.config.name !== db.site).map((s) => ({ name: s.config.name, cidr: tierCidr(s.config.cidr, "core") })),
    replica: db.replicaSite !== undefined ? at(db.replicaSite) : undefined,
  }, { provider: at(db.site).site.provider });
  return { sites: sitePools, database };
}

import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { Firewall, GroupRef, groupOf, rulesOf } from "../../lib/model";
import { PoolGroup } from "../pools/securityGroups";
import { GroupHandle, PeerResolver } from "../pools/securityRules";
import { AwsSite } from "../site";
import { databaseRoles } from "../../lib/model/databaseRoles";
import { CoreDatabase, DatabaseReplica } from "./coreDatabase";

/** An AWS site and its core security group: where a database instance may run and who reaches it. */
export interface DatabaseHost {
  readonly site: AwsSite;
  readonly coreGroup: PoolGroup;
}

/** What the database is in one site's stack: the primary, the replica, or nothing. */
export interface SiteDatabase {
  /** The writable instance: the primary, or the promoted replica (regional-loss runbook). */
  readonly primary?: CoreDatabase | DatabaseReplica;
  readonly replica?: DatabaseReplica;
}

/**
 * The core database's part in `host`'s site: the primary where `database.site` says, the replica where
 * `database.replicaSite` says (following `primaryArn`, read from the primary site's stack). Its security
 * groups take their rules from the network model: its site's core group, other sites' core blocks, admins.
 */
export function buildSiteDatabase(
  config: Pick<NetworkConfig, "database" | "ports" | "awsQuotas" | "sites" | "regionalLoss">,
  firewall: Firewall,
  host: DatabaseHost,
  /** The admin Client VPN's group, on the site that hosts it. */
  adminVpn: { readonly site: string; readonly securityGroupId: pulumi.Input<string> } | undefined,
  /** The primary's ARN, for the replica site. */
  primaryArn?: pulumi.Input<string>,
): SiteDatabase {
  const name = host.site.config.name;
  const { database: db } = config;
  const roles = databaseRoles(config);
  if (roles.primarySite !== name && roles.replicaSite !== name) return {};
  const resolve: PeerResolver = {
    group: (ref: GroupRef): GroupHandle => {
      if (ref.role === "core" && ref.site === name) return { name: host.coreGroup.name, id: host.coreGroup.group.id };
      if (ref.role === "adminVpn" && adminVpn?.site === ref.site)
        return { name: "admin-vpn", id: adminVpn.securityGroupId };
      throw new Error(
        `a database rule of ${name} references the security group ${ref.site}/${ref.role}, which the database cannot reach`,
      );
    },
    list: (ref) => host.site.allowLists.handle(ref),
  };
  const ref = { site: name, role: "database" as const };
  const where = {
    site: host.site,
    firewall: { group: groupOf(firewall, ref), rules: rulesOf(firewall, ref, "in"), resolve },
  };
  const common = {
    settings: db,
    port: config.ports.database,
    maxRulesPerDirection: config.awsQuotas.securityGroupRulesPerDirection,
  };
  const opts = { provider: host.site.provider };
  if (roles.primarySite === name && roles.promoted)
    // Promotion: the replica's instance without `replicateSourceDb` (the provider promotes it in place).
    return { primary: new DatabaseReplica("core-db", { ...common, replica: where, sourceArn: undefined }, opts) };
  if (roles.primarySite === name) {
    const replicaRegion = config.sites.find((s) => s.kind === "aws" && s.name === roles.replicaSite);
    return {
      primary: new CoreDatabase(
        "core-db",
        { ...common, primary: where, replicaRegion: replicaRegion?.kind === "aws" ? replicaRegion.region : undefined },
        opts,
      ),
    };
  }
  if (primaryArn === undefined) throw new Error(`the database replica in ${name} needs the primary's ARN`);
  return { replica: new DatabaseReplica("core-db", { ...common, replica: where, sourceArn: primaryArn }, opts) };
}

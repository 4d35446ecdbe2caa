import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { Firewall, GroupRef, groupOf, rulesOf } from "../../lib/model";
import { PoolGroup } from "../pools/securityGroups";
import { GroupHandle } from "../pools/securityRules";
import { AwsSite } from "../site";
import { CoreDatabase } from "./coreDatabase";

/** An AWS site and its core security group: where a database instance may run and who reaches it. */
export interface DatabaseHost {
  readonly site: AwsSite;
  readonly coreGroup: PoolGroup;
}

/**
 * The core database in `database.site` (and its optional replica). Its security groups take their
 * rules from the network model: its site's core group, other sites' core blocks, admins.
 */
export function buildDatabase(
  config: Pick<NetworkConfig, "database" | "ports" | "awsQuotas">,
  firewall: Firewall,
  hosts: readonly DatabaseHost[],
  /** The admin Client VPN's group, on the site that hosts it. */
  adminVpn?: { readonly site: string; readonly securityGroupId: pulumi.Input<string> },
): CoreDatabase {
  const at = (name: string) => {
    const host = hosts.find((h) => h.site.config.name === name);
    if (!host) throw new Error(`database site "${name}" is not an AWS site of this stack`);
    const resolve = (ref: GroupRef): GroupHandle => {
      if (ref.role === "core" && ref.site === name) return { name: host.coreGroup.name, id: host.coreGroup.group.id };
      if (ref.role === "adminVpn" && adminVpn?.site === ref.site)
        return { name: "admin-vpn", id: adminVpn.securityGroupId };
      throw new Error(
        `a database rule of ${name} references the security group ${ref.site}/${ref.role}, which the database cannot reach`,
      );
    };
    const ref = { site: name, role: "database" as const };
    return {
      site: host.site,
      firewall: { group: groupOf(firewall, ref), rules: rulesOf(firewall, ref, "in"), resolve },
    };
  };
  const { database: db } = config;
  return new CoreDatabase(
    "core-db",
    {
      settings: db,
      port: config.ports.database,
      maxRulesPerDirection: config.awsQuotas.securityGroupRulesPerDirection,
      primary: at(db.site),
      replica: db.replicaSite !== undefined ? at(db.replicaSite) : undefined,
    },
    { provider: at(db.site).site.provider },
  );
}

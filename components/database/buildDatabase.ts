import { NetworkConfig } from "../../config";
import { tierCidr } from "../network/subnetLayout";
import { PoolGroup } from "../pools/securityGroups";
import { AwsSite } from "../site";
import { CoreDatabase } from "./coreDatabase";

/** An AWS site and its core security group: where a database instance runs and who reaches it. */
export interface DatabaseHost {
  readonly site: AwsSite;
  readonly coreGroup: PoolGroup;
}

/** The core database in `database.site` (and its optional replica), reached by the sites' cores. */
export function buildDatabase(config: Pick<NetworkConfig, "database" | "ports" | "awsQuotas">, hosts: readonly DatabaseHost[]): CoreDatabase {
  const at = (name: string) => {
    const host = hosts.find((h) => h.site.config.name === name);
    if (!host) throw new Error(`database site "${name}" is not an AWS site of this stack`);
    return host;
  };
  const { database: db } = config;
  return new CoreDatabase("core-db", {
    settings: db,
    port: config.ports.database,
    maxRulesPerDirection: config.awsQuotas.securityGroupRulesPerDirection,
    primary: at(db.site),
    remoteCores: hosts.filter((h) => h.site.config.name !== db.site).map((h) => ({ name: h.site.config.name, cidr: tierCidr(h.site.config.cidr, "core") })),
    replica: db.replicaSite !== undefined ? at(db.replicaSite) : undefined,
  }, { provider: at(db.site).site.provider });
}

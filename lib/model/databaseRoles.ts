// Where the core database's instances are, from config alone: the primary and its replica, or, after
// the regional-loss runbook's promotion, the promoted replica and (once the lost region is back) a new
// replica following it. Read by the site stacks and the stack layout (who reads whose ARN).
import type { NetworkConfig } from "../../config/schema";

export interface DatabaseRoles {
  /** The site of the writable instance. */
  readonly primarySite: string;
  /** true when that instance is the promoted replica (it keeps its replica's name: promotion is an update). */
  readonly promoted: boolean;
  /** The site of the read replica following the primary, if any. */
  readonly replicaSite?: string;
}

export function databaseRoles(config: Pick<NetworkConfig, "database" | "regionalLoss">): DatabaseRoles {
  const { database, regionalLoss } = config;
  if (regionalLoss?.promoteReplica && database.replicaSite !== undefined)
    return { primarySite: database.replicaSite, promoted: true, replicaSite: regionalLoss.replicaSite };
  return { primarySite: database.site, promoted: false, replicaSite: database.replicaSite };
}

export { CoreDatabase, DatabaseReplica, MASTER_USERNAME, postgresFamily } from "./coreDatabase";
export type { CoreDatabaseArgs, DatabaseReplicaArgs, DatabaseSiteArgs } from "./coreDatabase";
export { buildSiteDatabase } from "./buildDatabase";
export type { DatabaseHost, SiteDatabase } from "./buildDatabase";

export { CoreDatabase, MASTER_USERNAME, postgresFamily } from "./coreDatabase";
export type { CoreDatabaseArgs, DatabaseSiteArgs } from "./coreDatabase";
export { buildDatabase } from "./buildDatabase";
export type { DatabaseHost } from "./buildDatabase";

export * from "./buildBackups";
export * from "./isolatedBackupVault";
export * from "./policies";
export * from "./siteBackup";
export * from "./vaultLock";

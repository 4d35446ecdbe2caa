// Backups (S11, S12): per-site vaults and plans copying into an isolated, locked vault.
export { ISOLATED_BACKUP_SITE_TAG, buildIsolatedBackups, buildSiteBackup } from "./buildBackups";
export { IsolatedBackupVault } from "./isolatedBackupVault";
export { SiteBackup } from "./siteBackup";
export { checkVaultLock } from "./vaultLock";
export { BACKUP_SELECTION_TAG, BACKUP_TAGS } from "./selectionTag";

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";

/** AWS needs at least 3 cooling-off days for a compliance-mode lock (fewer: the call fails). */
export const MIN_CHANGEABLE_FOR_DAYS = 3;

/** The lock settings, refused with a message naming the config key when they cannot be a compliance lock. */
export function checkVaultLock(lock: NetworkConfig["backup"]["vaultLock"]): NetworkConfig["backup"]["vaultLock"] {
  if (lock.changeableForDays < MIN_CHANGEABLE_FOR_DAYS) {
    throw new Error(
      `backup.vaultLock.changeableForDays must be at least ${MIN_CHANGEABLE_FOR_DAYS} (compliance mode); got ${lock.changeableForDays}`,
    );
  }
  if (lock.minRetentionDays > lock.maxRetentionDays)
    throw new Error("backup.vaultLock.minRetentionDays is above maxRetentionDays");
  return lock;
}

/**
 * A compliance-mode Vault Lock (setting changeableForDays is what makes it compliance mode; without
 * it, governance mode). Once the cooling-off days pass, nobody, root included, can lift it.
 */
export function createVaultLock(
  name: string,
  vaultName: pulumi.Input<string>,
  settings: NetworkConfig["backup"]["vaultLock"],
  opts: pulumi.CustomResourceOptions,
): aws.backup.VaultLockConfiguration {
  const lock = checkVaultLock(settings);
  return new aws.backup.VaultLockConfiguration(
    name,
    {
      backupVaultName: vaultName,
      changeableForDays: lock.changeableForDays,
      minRetentionDays: lock.minRetentionDays,
      maxRetentionDays: lock.maxRetentionDays,
    },
    opts,
  );
}

import type { StackValidationPolicy } from "@pulumi/policy";
import { referenced } from "../lib/resources";

const VAULT = "aws:backup/vault:Vault";

/** S11: every backup vault has a vault lock (its mode is checked by backup-vault-lock-in-compliance-mode). */
export const backupVaultsLocked: StackValidationPolicy = {
  name: "backup-vaults-locked",
  description: "Every AWS Backup vault has a vault lock configuration referring to it.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["ransomware", "backup"],
  validateStack: (args, reportViolation) => {
    const locked = new Set(
      args.resources
        .filter((r) => r.type === "aws:backup/vaultLockConfiguration:VaultLockConfiguration")
        .flatMap((lock) => referenced(lock, "backupVaultName", VAULT).map((v) => v.urn)),
    );
    args.resources
      .filter((r) => r.type === VAULT && !locked.has(r.urn))
      .forEach((vault) => reportViolation(`${vault.name}: backup vault without a vault lock`, vault.urn));
  },
};

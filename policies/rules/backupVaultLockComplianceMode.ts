import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { known, UNKNOWN } from "../lib/values";

const DEFAULTS = { minChangeableForDays: 3 };

/**
 * S11: a vault lock without changeableForDays is governance mode (removable by a privileged user); with
 * at least 3 days of cooling-off it becomes compliance mode, which nobody, root included, can undo.
 */
export const backupVaultLockComplianceMode: ResourceValidationPolicy = {
  name: "backup-vault-lock-in-compliance-mode",
  description: "Backup vault locks set changeableForDays (at least 3), which puts them in compliance mode.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["ransomware", "backup"],
  configSchema: {
    properties: {
      minChangeableForDays: {
        type: "integer",
        minimum: 3,
        default: DEFAULTS.minChangeableForDays,
        description: "Least cooling-off days",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:backup/vaultLockConfiguration:VaultLockConfiguration") return;
    const { minChangeableForDays } = configOf(args, DEFAULTS);
    const days = known(() => args.props.changeableForDays);
    if (days === UNKNOWN) return;
    if (typeof days !== "number") reportViolation(`${args.name}: no changeableForDays: the lock is in governance mode`);
    else if (days < minChangeableForDays)
      reportViolation(`${args.name}: changeableForDays ${days} is below ${minChangeableForDays}`);
  },
};

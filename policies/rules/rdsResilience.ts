// S11/S12: the core database survives an AZ loss, an accidental delete, and keeps point-in-time recovery.
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { CHECKOV, FSBP } from "../lib/rule";
import { known, UNKNOWN } from "../lib/values";

const RDS = "aws:rds/instance:Instance";

/** A read replica inherits backups and Multi-AZ from its own settings and source; some checks do not apply. */
function isReplica(args: ResourceValidationArgs): boolean {
  const source = known(() => args.props.replicateSourceDb);
  return source !== undefined && source !== null;
}

function truthyCheck(args: ResourceValidationArgs, key: string, report: (m: string) => void): void {
  const value = known(() => args.props[key]);
  if (value !== true && value !== UNKNOWN) report(`${args.name}: ${key} is not true`);
}

export const rdsStorageEncrypted: ResourceValidationPolicy = {
  name: "rds-storage-encrypted",
  description: "RDS instances encrypt their storage (storageEncrypted, or a KMS key on a replica).",
  enforcementLevel: "mandatory",
  severity: "high",
  framework: FSBP("RDS.3", "RDS DB instances should have encryption at-rest enabled"),
  tags: ["encryption", "fsbp:RDS.3", "checkov:CKV_AWS_16"],
  validateResource: (args, reportViolation) => {
    if (args.type !== RDS) return;
    if (isReplica(args) && known(() => args.props.kmsKeyId) !== undefined) return;
    truthyCheck(args, "storageEncrypted", reportViolation);
  },
};

export const rdsMultiAz: ResourceValidationPolicy = {
  name: "rds-multi-az-required",
  description: "Primary RDS instances are Multi-AZ.",
  enforcementLevel: "mandatory",
  severity: "high",
  framework: FSBP("RDS.5", "RDS DB instances should be configured with multiple Availability Zones"),
  tags: ["resilience", "fsbp:RDS.5", "checkov:CKV_AWS_157"],
  validateResource: (args, reportViolation) => {
    if (args.type !== RDS) return;
    if (isReplica(args)) args.notApplicable("read replicas are covered by their source");
    truthyCheck(args, "multiAz", reportViolation);
  },
};

export const rdsDeletionProtection: ResourceValidationPolicy = {
  name: "rds-deletion-protection-required",
  description: "RDS instances have deletion protection.",
  enforcementLevel: "mandatory",
  severity: "medium",
  framework: FSBP("RDS.8", "RDS DB instances should have deletion protection enabled"),
  tags: ["resilience", "fsbp:RDS.8", "checkov:CKV_AWS_293"],
  validateResource: (args, reportViolation) => {
    if (args.type !== RDS) return;
    truthyCheck(args, "deletionProtection", reportViolation);
  },
};

const RETENTION_DEFAULTS = { minBackupRetentionDays: 7 };

export const rdsBackupRetention: ResourceValidationPolicy = {
  name: "rds-backup-retention-required",
  description:
    "Primary RDS instances keep automated backups (point-in-time recovery) for at least the configured days.",
  enforcementLevel: "mandatory",
  severity: "high",
  framework: CHECKOV("CKV_AWS_133", "Ensure that RDS instances has backup policy"),
  tags: ["backup", "fsbp:RDS.11", "checkov:CKV_AWS_133"],
  configSchema: {
    properties: {
      minBackupRetentionDays: {
        type: "integer",
        minimum: 1,
        maximum: 35,
        default: RETENTION_DEFAULTS.minBackupRetentionDays,
        description: "Least retention days",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== RDS) return;
    if (isReplica(args)) args.notApplicable("read replicas are covered by their source");
    const { minBackupRetentionDays } = configOf(args, RETENTION_DEFAULTS);
    const days = known(() => args.props.backupRetentionPeriod);
    if (days === UNKNOWN) return;
    if (typeof days !== "number" || days < minBackupRetentionDays) {
      reportViolation(`${args.name}: backupRetentionPeriod ${days ?? "unset"} is below ${minBackupRetentionDays} days`);
    }
  },
};

// Policy documents of the backup vaults and their keys (plain data, so tests can read them).

type Statement = Record<string, unknown>;
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: Statement[];
}

export const BACKUP_SERVICE_POLICIES = [
  "AWSBackupServiceRolePolicyForBackup",
  "AWSBackupServiceRolePolicyForRestores",
] as const;

/** Actions that would shorten or end a recovery point's life before its retention. */
export const RECOVERY_POINT_DESTRUCTION = [
  "backup:DeleteRecoveryPoint",
  "backup:UpdateRecoveryPointLifecycle",
] as const;

/** The account id inside an IAM role ARN. */
export function accountOfRoleArn(roleArn: string): string {
  const match = /^arn:aws[a-z-]*:iam::(\d{12}):role\//.exec(roleArn);
  if (!match) throw new Error(`"${roleArn}" is not an IAM role ARN`);
  return match[1];
}

/**
 * Key of a site's backup vault: the account administers it through IAM; when the isolated copy
 * lives in another account, that account may use the key to copy the recovery points it receives.
 */
export function siteBackupKeyPolicy(partition: string, accountId: string, isolatedAccountId?: string): PolicyDocument {
  const statements: Statement[] = [
    {
      Sid: "AccountAdministers",
      Effect: "Allow",
      Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
      Action: "kms:*",
      Resource: "*",
    },
  ];
  if (isolatedAccountId && isolatedAccountId !== accountId) {
    statements.push({
      Sid: "IsolatedAccountCopies",
      Effect: "Allow",
      Principal: { AWS: `arn:${partition}:iam::${isolatedAccountId}:root` },
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
      Resource: "*",
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** Key of the isolated vault: administered only by the account that holds the vault. */
export function isolatedKeyPolicy(partition: string, accountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
    ],
  };
}

/**
 * Access policy of the isolated vault: nobody (whatever their IAM rights) may delete a recovery
 * point or shorten its lifecycle; the production account may copy into it.
 * The deny names every resource ("*"): DeleteRecoveryPoint and UpdateRecoveryPointLifecycle act on
 * recovery-point ARNs (`arn:aws:backup:...:recovery-point:...`, or the EBS snapshot, RDS snapshot...
 * ARN of the backed-up service), never on the vault's ARN, and a vault access policy only governs the
 * vault and what it holds. AWS's own examples deny with `"Resource": "*"`:
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault-access-policy.html
 */
export function isolatedVaultPolicy(partition: string, sourceAccountIds: readonly string[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "NobodyDestroysRecoveryPoints",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: [...RECOVERY_POINT_DESTRUCTION],
        Resource: "*",
      },
      {
        Sid: "ProductionCopiesIn",
        Effect: "Allow",
        Principal: { AWS: [...new Set(sourceAccountIds)].sort().map((a) => `arn:${partition}:iam::${a}:root`) },
        Action: "backup:CopyIntoBackupVault",
        Resource: "*",
      },
    ],
  };
}

/** Trust policy of AWS Backup's role. */
export const BACKUP_ASSUME_ROLE_POLICY: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

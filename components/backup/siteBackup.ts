import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { Tags, tierTags } from "../tags";
import { BACKUP_ASSUME_ROLE_POLICY, BACKUP_SERVICE_POLICIES, siteBackupKeyPolicy } from "./policies";
import { BACKUP_SELECTION_TAG } from "./selectionTag";
import { RestoreTesting } from "./restoreTesting";
import { createVaultLock } from "./vaultLock";

/** Tag that puts a resource in the backup selection (the database and the core hosts' volumes). */
export { BACKUP_SELECTION_TAG };

export const BACKUP_RULES = ["daily", "weekly", "monthly"] as const;

/**
 * Vault events AWS Backup still delivers to SNS that mean something failed. BACKUP_JOB_FAILED and
 * RESTORE_JOB_FAILED are deprecated and never sent: those failures come through EventBridge.
 */
export const VAULT_FAILURE_EVENTS = ["COPY_JOB_FAILED", "S3_BACKUP_OBJECT_FAILED", "S3_RESTORE_OBJECT_FAILED"] as const;

/**
 * EventBridge patterns for failed backup and restore jobs (the state field differs between them).
 * Failed copies come through the vault's COPY_JOB_FAILED notification.
 */
export const FAILED_JOB_PATTERNS = {
  backup: {
    source: ["aws.backup"],
    "detail-type": ["Backup Job State Change"],
    detail: { state: ["FAILED", "ABORTED", "EXPIRED"] },
  },
  restore: {
    source: ["aws.backup"],
    "detail-type": ["Restore Job State Change"],
    detail: { status: ["FAILED", "ABORTED"] },
  },
} as const;

export interface SiteBackupArgs {
  /** Site name, for names. */
  readonly site: string;
  /** Environment name, for names. */
  readonly environment: string;
  /** Config `backup`: schedules and retention per rule. */
  readonly backup: NetworkConfig["backup"];
  /** ARN of the isolated vault every rule copies to. */
  readonly isolatedVaultArn: pulumi.Input<string>;
  /** Account of the isolated vault when it is another account (may use this site's key to copy). */
  readonly isolatedAccountId?: string;
  /** SNS topic of the NOC (first escalation level) that hears about failed jobs. */
  readonly nocTopicArn: pulumi.Input<string>;
  /** The NOC's escalation level name (tags the alarms that notify it). */
  readonly nocLevel?: string;
  /** The site's tags. */
  readonly tags: Tags;
}

/**
 * A site's backups (S11, S12): a vault encrypted with the region's own rotating key, a plan whose
 * daily, weekly and monthly rules keep their recovery points here and copy each one to the
 * isolated vault, a selection by tag, and failure notifications to the NOC.
 */
export class SiteBackup extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;
  readonly vault: aws.backup.Vault;
  /** Compliance-mode lock of the site's vault. */
  readonly lock: aws.backup.VaultLockConfiguration;
  readonly plan: aws.backup.Plan;
  readonly role: aws.iam.Role;
  readonly selection: aws.backup.Selection;
  /** Scheduled restores of the latest recovery points, proving the backups can be restored. */
  readonly restoreTesting: RestoreTesting;

  constructor(name: string, args: SiteBackupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:backup:SiteBackup", name, {}, opts);
    const parent = { parent: this };
    const partition = aws.getPartitionOutput({}, parent).partition;
    const accountId = aws.getCallerIdentityOutput({}, parent).accountId;
    const tags = (resource: string) => tierTags(args.tags, "data", resource);
    const vaultName = `callmyway-${args.environment}-${args.site}`;

    this.key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `CallMyWay backups of site ${args.site}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: pulumi
          .all([partition, accountId])
          .apply(([p, a]) => JSON.stringify(siteBackupKeyPolicy(p, a, args.isolatedAccountId))),
        tags: tags(`${vaultName}-key`),
      },
      parent,
    );
    new aws.kms.Alias(
      `${name}-key`,
      { name: `alias/${vaultName}-backup`, targetKeyId: this.key.keyId },
      { parent: this.key },
    );

    this.vault = new aws.backup.Vault(
      `${name}-vault`,
      { name: vaultName, kmsKeyArn: this.key.arn, forceDestroy: false, tags: tags(vaultName) },
      parent,
    );
    // The site's own copies are locked too (compliance mode, same limits as the isolated vault): an
    // intruder in the production account cannot delete them early either.
    this.lock = createVaultLock(`${name}-lock`, this.vault.name, args.backup.vaultLock, { parent: this.vault });

    const { retentionDays, schedules } = args.backup;
    this.plan = new aws.backup.Plan(
      `${name}-plan`,
      {
        name: vaultName,
        rules: BACKUP_RULES.map((rule) => ({
          ruleName: rule,
          targetVaultName: this.vault.name,
          schedule: schedules[rule],
          startWindow: 60,
          completionWindow: 24 * 60,
          lifecycle: { deleteAfter: retentionDays[rule] },
          recoveryPointTags: { ...tags(`${vaultName}-${rule}`), "backup-rule": rule },
          copyActions: [
            { destinationVaultArn: args.isolatedVaultArn, lifecycle: { deleteAfter: retentionDays[rule] } },
          ],
        })),
        tags: tags(vaultName),
      },
      parent,
    );

    // AWS's managed policies for the backup service, nothing more.
    this.role = new aws.iam.Role(
      `${name}-role`,
      {
        name: `${vaultName}-backup`,
        description: `AWS Backup for site ${args.site}`,
        assumeRolePolicy: JSON.stringify(BACKUP_ASSUME_ROLE_POLICY),
        tags: tags(`${vaultName}-backup`),
      },
      parent,
    );
    const attachments = BACKUP_SERVICE_POLICIES.map(
      (policy) =>
        new aws.iam.RolePolicyAttachment(
          `${name}-${policy}`,
          {
            role: this.role.name,
            policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/service-role/${policy}`,
          },
          { parent: this.role },
        ),
    );

    this.selection = new aws.backup.Selection(
      `${name}-selection`,
      {
        name: `${vaultName}-tagged`,
        planId: this.plan.id,
        iamRoleArn: this.role.arn,
        selectionTags: [{ type: "STRINGEQUALS", key: BACKUP_SELECTION_TAG.key, value: BACKUP_SELECTION_TAG.value }],
      },
      { parent: this.plan, dependsOn: attachments },
    );

    this.restoreTesting = new RestoreTesting(
      `${name}-restore-testing`,
      {
        site: args.site,
        environment: args.environment,
        restoreTesting: args.backup.restoreTesting,
        vaultArn: this.vault.arn,
        roleArn: this.role.arn,
        nocTopicArn: args.nocTopicArn,
        nocLevel: args.nocLevel,
        tags: tags(`${vaultName}-restore-testing`),
      },
      { parent: this, dependsOn: attachments },
    );

    new aws.backup.VaultNotifications(
      `${name}-notifications`,
      {
        backupVaultName: this.vault.name,
        snsTopicArn: args.nocTopicArn,
        backupVaultEvents: [...VAULT_FAILURE_EVENTS],
      },
      { parent: this.vault },
    );

    Object.entries(FAILED_JOB_PATTERNS).forEach(([kind, pattern]) => {
      const rule = new aws.cloudwatch.EventRule(
        `${name}-${kind}-failed`,
        {
          name: `${vaultName}-${kind}-failed`,
          description: `Failed AWS Backup ${kind} jobs of site ${args.site}, to the NOC`,
          eventPattern: JSON.stringify(pattern),
          tags: tags(`${vaultName}-${kind}-failed`),
        },
        parent,
      );
      new aws.cloudwatch.EventTarget(
        `${name}-${kind}-failed`,
        { rule: rule.name, arn: args.nocTopicArn },
        { parent: rule },
      );
    });

    this.registerOutputs({ vaultArn: this.vault.arn, planId: this.plan.id });
  }
}

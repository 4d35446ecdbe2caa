import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { Tags } from "../tags";
import { BACKUP_SELECTION_TAG } from "./selectionTag";

/** What the site backs up and restore testing restores: the database and the core hosts' volumes. */
export const RESTORE_TESTED_TYPES = ["RDS", "EBS"] as const;

/** Restore testing names take letters, digits and underscores only (no hyphens), 1 to 50 of them. */
export function restoreTestingName(...parts: string[]): string {
  const name = parts.join("_").replace(/[^a-zA-Z0-9_]/g, "_");
  if (name.length > 50) throw new Error(`restore testing name ${name} is longer than AWS's 50 characters`);
  return name;
}

export interface RestoreTestingArgs {
  readonly site: string;
  readonly environment: string;
  readonly restoreTesting: NetworkConfig["backup"]["restoreTesting"];
  /** The site's vault: its latest recovery points are the ones restored. */
  readonly vaultArn: pulumi.Input<string>;
  /** The site's AWS Backup role (it holds AWSBackupServiceRolePolicyForRestores). */
  readonly roleArn: pulumi.Input<string>;
  /** Who hears that no restore test completed (the NOC), and that topic's escalation level. */
  readonly nocTopicArn: pulumi.Input<string>;
  readonly nocLevel?: string;
  readonly tags: Tags;
}

/**
 * CloudWatch's longest evaluation range: "Period multiplied by EvaluationPeriods can't be more than
 * 604,800 seconds" for periods of an hour or more (PutMetricAlarm API reference): a weekly restore
 * test is the longest schedule an alarm can watch.
 */
export const RESTORE_ALARM_DAYS = 7;

/**
 * A site's restore tests (S11, S12): on the configured schedule AWS Backup restores the latest recovery
 * point of every resource the site backs up (selected by the same tag as the backups), keeps the copy
 * for the validation window, then deletes it. A restore job that fails raises the site's
 * "restore-failed" EventBridge rule (SiteBackup), which tells the NOC: a backup nobody could restore is
 * found on a Sunday, not on the day it is needed.
 */
export class RestoreTesting extends pulumi.ComponentResource {
  readonly plan: aws.backup.RestoreTestingPlan;
  readonly selections: aws.backup.RestoreTestingSelection[];
  /** Per restore-tested type: no completed restore test in the window (missing data breaches). */
  readonly neverRanAlarms: aws.cloudwatch.MetricAlarm[];

  constructor(name: string, args: RestoreTestingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:backup:RestoreTesting", name, {}, opts);
    const planName = restoreTestingName("callmyway", args.environment, args.site);
    this.plan = new aws.backup.RestoreTestingPlan(
      name,
      {
        name: planName,
        scheduleExpression: args.restoreTesting.schedule,
        startWindowHours: 24,
        recoveryPointSelection: {
          algorithm: "LATEST_WITHIN_WINDOW",
          includeVaults: [args.vaultArn],
          recoveryPointTypes: ["SNAPSHOT"],
          selectionWindowDays: args.restoreTesting.selectionWindowDays,
        },
        tags: args.tags,
      },
      { parent: this },
    );
    this.selections = RESTORE_TESTED_TYPES.map(
      (type) =>
        new aws.backup.RestoreTestingSelection(
          `${name}-${type.toLowerCase()}`,
          {
            name: restoreTestingName(type.toLowerCase(), "tagged"),
            restoreTestingPlanName: this.plan.name,
            protectedResourceType: type,
            iamRoleArn: args.roleArn,
            // Every resource of the type that carries the backup tag, as the backup selection does.
            protectedResourceArns: ["*"],
            protectedResourceConditions: {
              stringEquals: [{ key: `aws:ResourceTag/${BACKUP_SELECTION_TAG.key}`, value: BACKUP_SELECTION_TAG.value }],
            },
            validationWindowHours: args.restoreTesting.validationWindowHours,
          },
          { parent: this.plan },
        ),
    );
    // A restore test that silently stops (plan deleted, schedule broken, selection matching nothing)
    // is as bad as a failing one: AWS Backup publishes NumberOfRestoreJobsCompleted per resource type in
    // AWS/Backup (https://docs.aws.amazon.com/aws-backup/latest/devguide/cloudwatch.html); no completed
    // restore in the window alarms, and no data at all is breaching, not fine.
    this.neverRanAlarms = RESTORE_TESTED_TYPES.map(
      (type) =>
        new aws.cloudwatch.MetricAlarm(
          `${name}-${type.toLowerCase()}-never-ran`,
          {
            name: `callmyway-${args.environment}-${args.site}-restore-${type.toLowerCase()}-never-ran`,
            alarmDescription: `No ${type} restore test completed in site ${args.site} for ${RESTORE_ALARM_DAYS} days: the backups are not proven restorable`,
            namespace: "AWS/Backup",
            metricName: "NumberOfRestoreJobsCompleted",
            dimensions: { ResourceType: type },
            statistic: "Sum",
            period: 86400,
            evaluationPeriods: RESTORE_ALARM_DAYS,
            datapointsToAlarm: RESTORE_ALARM_DAYS,
            threshold: 1,
            comparisonOperator: "LessThanThreshold",
            treatMissingData: "breaching",
            alarmActions: [args.nocTopicArn],
            tags: { ...args.tags, ...(args.nocLevel ? { "escalation-level": args.nocLevel } : {}) },
          },
          { parent: this },
        ),
    );
    this.registerOutputs({ planName: this.plan.name });
  }
}

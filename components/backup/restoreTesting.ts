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
  readonly tags: Tags;
}

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
    this.registerOutputs({ planName: this.plan.name });
  }
}

// Database, keys, secrets, parameters and backups: what their APIs accept.
import { atLeast, combination, count, eachValue, exactlyOne, length, oneOf, pattern, range, required } from "../rules";
import type { KindConstraints } from "../types";
import { known } from "../view";
import { AWS_REGIONS, REGIONS_SOURCE, jsonDocument } from "./common";
import { awsTags } from "./tags";

const RDS = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference";
const KMS = "https://docs.aws.amazon.com/kms/latest/APIReference";
const BACKUP = "https://docs.aws.amazon.com/aws-backup/latest/devguide";
const SSM = "https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html";
const SECRETS = "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html";
// RDS identifiers: a letter first, letters, digits and hyphens, no two hyphens together, no hyphen last.
const RDS_IDENTIFIER = /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]*(?<!-)$/;
const BACKUP_NAME = /^[a-zA-Z0-9\-_.]{1,50}$/;
// Restore testing plans and selections: no hyphens or dots (RestoreTestingPlanName, RestoreTestingSelectionName).
const RESTORE_TESTING_NAME = /^[a-zA-Z0-9_]{1,50}$/;

export const DATA_KINDS: KindConstraints = {
  "aws:rds/instance:Instance": [
    length("identifier", 1, 63, `${RDS}/API_CreateDBInstance.html`),
    pattern(
      "identifier",
      RDS_IDENTIFIER,
      "a letter first; letters, digits, single hyphens; no hyphen last",
      `${RDS}/API_CreateDBInstance.html`,
      "core-db-use1-1a2b3c4",
      "core--db-",
    ),
    pattern(
      "instanceClass",
      /^db\.[a-z0-9]+\.[a-z0-9]+$/,
      "a DB instance class (db.family.size)",
      `${RDS}/API_CreateDBInstance.html`,
      "db.r6g.xlarge",
      "r6g.xlarge",
    ),
    oneOf("storageType", ["gp2", "gp3", "io1", "io2", "standard"], `${RDS}/API_CreateDBInstance.html`),
    range("allocatedStorage", 20, 65536, `${RDS}/API_CreateDBInstance.html`),
    combination(
      "maxAllocatedStorage",
      "maxAllocatedStorage at least 10% above allocatedStorage (storage autoscaling)",
      "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.Autoscaling.html",
      (i) =>
        !known(i.maxAllocatedStorage) ||
        !known(i.allocatedStorage) ||
        Number(i.maxAllocatedStorage) >= Number(i.allocatedStorage) * 1.1,
      {
        ok: { allocatedStorage: 500, maxAllocatedStorage: 2000 },
        bad: { allocatedStorage: 500, maxAllocatedStorage: 520 },
      },
    ),
    range("backupRetentionPeriod", 0, 35, `${RDS}/API_CreateDBInstance.html`),
    range("port", 1150, 65535, `${RDS}/API_CreateDBInstance.html`),
    pattern(
      "dbName",
      /^[a-zA-Z][a-zA-Z0-9_]{0,62}$/,
      "a letter first, then letters, digits or underscores (at most 63)",
      `${RDS}/API_CreateDBInstance.html`,
      "callmyway",
      "call-my-way",
    ),
    pattern(
      "username",
      /^[a-zA-Z][a-zA-Z0-9_]{0,62}$/,
      "a letter first, then letters, digits or underscores (at most 63)",
      `${RDS}/API_CreateDBInstance.html`,
      "callmyway_admin",
      "1admin",
    ),
    oneOf(
      "enabledCloudwatchLogsExports[]",
      ["postgresql", "upgrade", "iam-db-auth-error"],
      "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html",
    ),
    pattern(
      "finalSnapshotIdentifier",
      RDS_IDENTIFIER,
      "a letter first; letters, digits, single hyphens; no hyphen last",
      `${RDS}/API_DeleteDBInstance.html`,
      "core-db-use1-final",
      "core-db-use1-final-",
    ),
    combination(
      "finalSnapshotIdentifier",
      "a final snapshot needs its identifier unless skipFinalSnapshot",
      "https://www.pulumi.com/registry/packages/aws/api-docs/rds/instance/",
      (i) =>
        i.skipFinalSnapshot === true || i.replicateSourceDb !== undefined || i.finalSnapshotIdentifier !== undefined,
      {
        ok: { skipFinalSnapshot: false, finalSnapshotIdentifier: "core-db-final" },
        bad: { skipFinalSnapshot: false },
      },
    ),
    combination(
      "performanceInsightsKmsKeyId",
      "a Performance Insights key only with Performance Insights on",
      `${RDS}/API_CreateDBInstance.html`,
      (i) => i.performanceInsightsKmsKeyId === undefined || i.performanceInsightsEnabled === true,
      {
        ok: {
          performanceInsightsEnabled: true,
          performanceInsightsKmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/x",
        },
        bad: { performanceInsightsKmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/x" },
      },
    ),
    combination(
      "replicateSourceDb",
      "a read replica takes engine, version, user, password and database name from its source",
      `${RDS}/API_CreateDBInstanceReadReplica.html`,
      (i) =>
        i.replicateSourceDb === undefined ||
        ["username", "password", "dbName", "engine", "engineVersion"].every((k) => i[k] === undefined),
      {
        ok: { replicateSourceDb: "arn:aws:rds:us-east-1:123456789012:db:core" },
        bad: { replicateSourceDb: "arn:aws:rds:us-east-1:123456789012:db:core", username: "admin" },
      },
    ),
    combination(
      "engine",
      "a primary instance names its engine and instance class",
      `${RDS}/API_CreateDBInstance.html`,
      (i) => i.replicateSourceDb !== undefined || (i.engine !== undefined && i.instanceClass !== undefined),
      {
        ok: { engine: "postgres", instanceClass: "db.r6g.xlarge" },
        bad: { instanceClass: "db.r6g.xlarge" },
      },
    ),
    awsTags(),
  ],
  "aws:rds/subnetGroup:SubnetGroup": [
    length("name", 1, 255, `${RDS}/API_CreateDBSubnetGroup.html`),
    pattern(
      "name",
      /^(?!default$)[a-z0-9 ._-]+$/,
      "lowercase letters, digits, spaces, periods, underscores, hyphens; not default",
      `${RDS}/API_CreateDBSubnetGroup.html`,
      "core-db-use1-1a2b3c4",
      "Core DB",
    ),
    required(["description", "subnetIds"], `${RDS}/API_CreateDBSubnetGroup.html`),
    count("subnetIds", 2, 1000, `${RDS}/API_CreateDBSubnetGroup.html`),
    awsTags(),
  ],
  "aws:rds/parameterGroup:ParameterGroup": [
    length("name", 1, 255, `${RDS}/API_CreateDBParameterGroup.html`),
    pattern(
      "name",
      /^[a-z](?!.*--)[a-z0-9-]*(?<!-)$/,
      "a letter first; lowercase letters, digits, single hyphens; no hyphen last",
      `${RDS}/API_CreateDBParameterGroup.html`,
      "core-db-use1-1a2b3c4",
      "core--db",
    ),
    pattern(
      "family",
      /^postgres\d+$|^[a-z-]+[\d.]+$/,
      "a parameter group family such as postgres16",
      `${RDS}/API_CreateDBParameterGroup.html`,
      "postgres16",
      "PostgreSQL 16",
    ),
    oneOf("parameters[].applyMethod", ["immediate", "pending-reboot"], `${RDS}/API_Parameter.html`),
    required(["family", "description"], `${RDS}/API_CreateDBParameterGroup.html`),
    awsTags(),
  ],
  "aws:kms/key:Key": [
    length("description", 0, 8192, `${KMS}/API_CreateKey.html`),
    range("deletionWindowInDays", 7, 30, `${KMS}/API_ScheduleKeyDeletion.html`),
    jsonDocument("policy", 32768, `${KMS}/API_CreateKey.html`),
    combination(
      "enableKeyRotation",
      "automatic rotation only on symmetric encryption keys",
      `${KMS}/API_EnableKeyRotation.html`,
      (i) =>
        i.enableKeyRotation !== true ||
        (i.customerMasterKeySpec ?? i.keySpec ?? "SYMMETRIC_DEFAULT") === "SYMMETRIC_DEFAULT",
      {
        ok: { enableKeyRotation: true },
        bad: { enableKeyRotation: true, keySpec: "RSA_2048" },
      },
    ),
    awsTags(),
  ],
  "aws:kms/alias:Alias": [
    length("name", 1, 256, `${KMS}/API_CreateAlias.html`),
    pattern(
      "name",
      /^alias\/(?!aws\/)[a-zA-Z0-9/_-]+$/,
      "alias/ then letters, digits, /_- (not alias/aws/)",
      `${KMS}/API_CreateAlias.html`,
      "alias/callmyway-prod-use1-backup",
      "alias/aws/backup",
    ),
    required(["targetKeyId"], `${KMS}/API_CreateAlias.html`),
  ],
  "aws:secretsmanager/secret:Secret": [
    length("name", 1, 512, SECRETS),
    pattern(
      "name",
      /^[a-zA-Z0-9/_+=.@-]+$/,
      "letters, digits and /_+=.@-",
      SECRETS,
      "core-db-use1-master-1a2b3c4",
      "core db master",
    ),
    length("description", 0, 2048, SECRETS),
    oneOf("replicas[].region", AWS_REGIONS, REGIONS_SOURCE),
    awsTags(),
  ],
  "aws:secretsmanager/secretVersion:SecretVersion": [
    exactlyOne(
      ["secretString", "secretBinary"],
      "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html",
    ),
    required(["secretId"], "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html"),
  ],
  "aws:ssm/parameter:Parameter": [
    length("name", 1, 2048, SSM),
    pattern(
      "name",
      /^(?!\/?(aws|ssm))[a-zA-Z0-9_.\-/]+$/i,
      "letters, digits and _.-/, not starting with aws or ssm",
      SSM,
      "/callmyway/prod/use1/trunks",
      "/aws/trunks",
    ),
    eachValue(
      "name",
      "name: at most 15 levels of hierarchy",
      SSM,
      (v) => typeof v !== "string" || v.split("/").filter((p) => p).length <= 15,
      {
        ok: { name: "/a/b/c" },
        bad: { name: `/${Array.from({ length: 16 }, (_, i) => `l${i}`).join("/")}` },
      },
    ),
    oneOf("type", ["String", "StringList", "SecureString"], SSM),
    oneOf("tier", ["Standard", "Advanced", "Intelligent-Tiering"], SSM),
    oneOf("dataType", ["text", "aws:ec2:image", "aws:ssm:integration"], SSM),
    length("description", 0, 1024, SSM),
    combination(
      "insecureValue",
      "a Standard parameter holds at most 4 KB (Advanced 8 KB)",
      SSM,
      (i) => {
        const value = [i.value, i.insecureValue].find((v) => typeof v === "string" && known(v)) as string | undefined;
        return value === undefined || Buffer.byteLength(value) <= (i.tier === "Advanced" ? 8192 : 4096);
      },
      {
        ok: { tier: "Standard", insecureValue: "x".repeat(4096) },
        bad: { tier: "Standard", insecureValue: "x".repeat(4097) },
      },
    ),
    exactlyOne(["value", "insecureValue"], SSM),
    awsTags(),
  ],
  "aws:backup/vault:Vault": [
    pattern(
      "name",
      /^[a-zA-Z0-9\-_]{2,50}$/,
      "2 to 50 letters, digits, hyphens or underscores",
      `${BACKUP}/API_CreateBackupVault.html`,
      "callmyway-prod-use1",
      "callmyway.prod.use1",
    ),
    required(["name"], `${BACKUP}/API_CreateBackupVault.html`),
    awsTags(),
  ],
  "aws:backup/vaultLockConfiguration:VaultLockConfiguration": [
    range("changeableForDays", 3, 36500, `${BACKUP}/API_PutBackupVaultLockConfiguration.html`),
    range("minRetentionDays", 1, 36500, `${BACKUP}/API_PutBackupVaultLockConfiguration.html`),
    range("maxRetentionDays", 1, 36500, `${BACKUP}/API_PutBackupVaultLockConfiguration.html`),
    combination(
      "maxRetentionDays",
      "minRetentionDays no greater than maxRetentionDays",
      `${BACKUP}/API_PutBackupVaultLockConfiguration.html`,
      (i) =>
        !known(i.minRetentionDays) ||
        !known(i.maxRetentionDays) ||
        Number(i.minRetentionDays) <= Number(i.maxRetentionDays),
      {
        ok: { minRetentionDays: 35, maxRetentionDays: 400 },
        bad: { minRetentionDays: 400, maxRetentionDays: 35 },
      },
    ),
    required(["backupVaultName"], `${BACKUP}/API_PutBackupVaultLockConfiguration.html`),
  ],
  "aws:backup/vaultNotifications:VaultNotifications": [
    oneOf(
      "backupVaultEvents[]",
      [
        "BACKUP_JOB_STARTED",
        "BACKUP_JOB_COMPLETED",
        "COPY_JOB_STARTED",
        "COPY_JOB_SUCCESSFUL",
        "COPY_JOB_FAILED",
        "RESTORE_JOB_STARTED",
        "RESTORE_JOB_COMPLETED",
        "RECOVERY_POINT_MODIFIED",
        "S3_BACKUP_OBJECT_FAILED",
        "S3_RESTORE_OBJECT_FAILED",
        "CONTINUOUS_BACKUP_INTERRUPTED",
        "RECOVERY_POINT_INDEX_COMPLETED",
        "RECOVERY_POINT_INDEX_DELETED",
        "RECOVERY_POINT_INDEXING_FAILED",
      ],
      `${BACKUP}/API_PutBackupVaultNotifications.html`,
    ),
    required(["backupVaultName", "snsTopicArn", "backupVaultEvents"], `${BACKUP}/API_PutBackupVaultNotifications.html`),
  ],
  "aws:backup/vaultPolicy:VaultPolicy": [
    jsonDocument("policy", 20480, `${BACKUP}/API_PutBackupVaultAccessPolicy.html`),
    required(["backupVaultName", "policy"], `${BACKUP}/API_PutBackupVaultAccessPolicy.html`),
  ],
  "aws:backup/plan:Plan": [
    pattern(
      "name",
      BACKUP_NAME,
      "1 to 50 letters, digits and -_.",
      `${BACKUP}/API_BackupPlanInput.html`,
      "callmyway-prod-use1",
      "callmyway prod use1",
    ),
    pattern(
      "rules[].ruleName",
      BACKUP_NAME,
      "1 to 50 letters, digits and -_.",
      `${BACKUP}/API_BackupRuleInput.html`,
      "daily",
      "daily rule",
    ),
    pattern(
      "rules[].schedule",
      /^cron\(.+\)$|^rate\(.+\)$/,
      "a cron() or rate() expression",
      `${BACKUP}/API_BackupRuleInput.html`,
      "cron(0 3 * * ? *)",
      "0 3 * * *",
    ),
    atLeast("rules[].startWindow", 60, `${BACKUP}/API_BackupRuleInput.html`),
    combination(
      "rules",
      "cold storage at least 90 days before deletion",
      `${BACKUP}/API_Lifecycle.html`,
      (i) =>
        !Array.isArray(i.rules) ||
        i.rules.every((rule) => {
          const life = (rule as { lifecycle?: { coldStorageAfter?: number; deleteAfter?: number } }).lifecycle;
          return (
            !life ||
            life.coldStorageAfter === undefined ||
            life.deleteAfter === undefined ||
            life.deleteAfter >= life.coldStorageAfter + 90
          );
        }),
      {
        ok: { rules: [{ lifecycle: { coldStorageAfter: 30, deleteAfter: 400 } }] },
        bad: { rules: [{ lifecycle: { coldStorageAfter: 30, deleteAfter: 60 } }] },
      },
    ),
    awsTags(),
  ],
  "aws:backup/restoreTestingPlan:RestoreTestingPlan": [
    pattern(
      "name",
      RESTORE_TESTING_NAME,
      "1 to 50 letters, digits and underscores",
      `${BACKUP}/API_RestoreTestingPlanForCreate.html`,
      "callmyway_prod_use1",
      "callmyway-prod-use1",
    ),
    pattern(
      "scheduleExpression",
      /^cron\(.+\)$|^rate\(.+\)$/,
      "a cron() or rate() expression",
      `${BACKUP}/API_RestoreTestingPlanForCreate.html`,
      "cron(0 6 ? * SUN *)",
      "0 6 * * 0",
    ),
    range("startWindowHours", 1, 168, `${BACKUP}/API_RestoreTestingPlanForCreate.html`),
    oneOf(
      "recoveryPointSelection.algorithm",
      ["LATEST_WITHIN_WINDOW", "RANDOM_WITHIN_WINDOW"],
      `${BACKUP}/API_RestoreTestingRecoveryPointSelection.html`,
    ),
    oneOf(
      "recoveryPointSelection.recoveryPointTypes[]",
      ["CONTINUOUS", "SNAPSHOT"],
      `${BACKUP}/API_RestoreTestingRecoveryPointSelection.html`,
    ),
    range(
      "recoveryPointSelection.selectionWindowDays",
      1,
      365,
      `${BACKUP}/API_RestoreTestingRecoveryPointSelection.html`,
    ),
    required(
      ["name", "scheduleExpression", "recoveryPointSelection"],
      `${BACKUP}/API_RestoreTestingPlanForCreate.html`,
    ),
    awsTags(),
  ],
  "aws:backup/restoreTestingSelection:RestoreTestingSelection": [
    pattern(
      "name",
      RESTORE_TESTING_NAME,
      "1 to 50 letters, digits and underscores",
      `${BACKUP}/API_RestoreTestingSelectionForCreate.html`,
      "rds_tagged",
      "rds-tagged",
    ),
    oneOf(
      "protectedResourceType",
      ["Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "S3"],
      `${BACKUP}/API_RestoreTestingSelectionForCreate.html`,
    ),
    range("validationWindowHours", 1, 168, `${BACKUP}/API_RestoreTestingSelectionForCreate.html`),
    required(
      ["name", "restoreTestingPlanName", "protectedResourceType", "iamRoleArn"],
      `${BACKUP}/API_RestoreTestingSelectionForCreate.html`,
    ),
  ],
  "aws:backup/selection:Selection": [
    pattern(
      "name",
      BACKUP_NAME,
      "1 to 50 letters, digits and -_.",
      `${BACKUP}/API_BackupSelection.html`,
      "callmyway-prod-use1",
      "callmyway prod use1",
    ),
    oneOf("selectionTags[].type", ["STRINGEQUALS"], `${BACKUP}/API_Condition.html`),
    required(["iamRoleArn", "planId", "name"], `${BACKUP}/API_BackupSelection.html`),
  ],
};

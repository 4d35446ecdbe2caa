import * as aws from "@pulumi/aws";
import { IsolatedBackupVault, SiteBackup, checkVaultLock } from "../../components/backup";
import { AlertTopics } from "../../components/monitoring";
import { siteTags } from "../../components/tags";
import { NetworkConfig, validateConfig } from "../../config";
import { PlanResource } from "../../tools/plan/capture";
import { rawStackConfig, stackConfig } from "../harness/config";
import { Run, runComponent, runStack } from "../harness/program";

/** IAM's resource matching: `*` any run of characters, `?` one character, the rest literally. */
function iamResourceMatches(pattern: string, arn: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`).test(arn);
}

const VAULT = "aws:backup/vault:Vault";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const PLAN = "aws:backup/plan:Plan";
const SELECTION = "aws:backup/selection:Selection";
const RESTORE_PLAN = "aws:backup/restoreTestingPlan:RestoreTestingPlan";
const RESTORE_SELECTION = "aws:backup/restoreTestingSelection:RestoreTestingSelection";
const NOTIFICATIONS = "aws:backup/vaultNotifications:VaultNotifications";
const VAULT_POLICY = "aws:backup/vaultPolicy:VaultPolicy";
const KEY = "aws:kms/key:Key";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ROLE = "aws:iam/role:Role";
const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const TOPIC = "aws:sns/topic:Topic";

/** Events AWS Backup still delivers to SNS (PutBackupVaultNotifications). */
const SUPPORTED_VAULT_EVENTS = [
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
];

const BACKUP_ACCOUNT = "210987654321";
const ROLE_ARN = `arn:aws:iam::${BACKUP_ACCOUNT}:role/callmyway-backup-writer`;

function withIsolatedAccount(config: NetworkConfig): NetworkConfig {
  return { ...config, backup: { ...config.backup, isolatedAccountRoleArn: ROLE_ARN } };
}

/** Two sites' backups and the isolated vault, built the way buildBackups does, with known ARNs. */
function buildBackupsFor(config: NetworkConfig) {
  const sites = config.sites.flatMap((s) => (s.kind === "aws" ? [s] : [])).slice(0, 2);
  const isolated = new IsolatedBackupVault("backup-isolated", {
    environment: config.environment,
    backup: config.backup,
    sourceAccountIds: ["123456789012"],
    tags: siteTags(config.environment, "isolated-backup"),
  });
  sites.forEach((site) => {
    const provider = new aws.Provider(`${site.name}-aws`, { region: site.region });
    const alerts = new AlertTopics(
      `${site.name}-alerts`,
      { levels: config.monitoring.levels, tags: siteTags(config.environment, site.name) },
      { provider },
    );
    new SiteBackup(
      `${site.name}-backup`,
      {
        site: site.name,
        environment: config.environment,
        backup: config.backup,
        isolatedVaultArn: isolated.vaultArn,
        isolatedAccountId: config.backup.isolatedAccountRoleArn ? BACKUP_ACCOUNT : undefined,
        nocTopicArn: alerts.level(0),
        tags: siteTags(config.environment, site.name),
      },
      { provider },
    );
  });
  return sites;
}

const policy = (r: PlanResource) => JSON.parse(r.inputs.policy as string);

describe("backups with the isolated vault in a separate account", () => {
  const config = withIsolatedAccount(stackConfig("prod"));
  let run: Run;
  let sites: ReturnType<typeof buildBackupsFor>;
  beforeAll(async () => {
    run = await runComponent(() => {
      sites = buildBackupsFor(config);
    });
  });
  const isolatedVault = () => run.named(VAULT, "backup-isolated-vault");
  const providerOf = (r: PlanResource) => run.resources.find((p) => p.urn === r.provider)!;

  it("locks the isolated vault and every site's vault in compliance mode with the configured limits", () => {
    const vaults = run.ofType("aws:backup/vault:Vault");
    const lockedVaults = run.ofType(LOCK).map((l) => l.propertyDependencies.backupVaultName[0]);
    expect(lockedVaults.sort()).toEqual(vaults.map((v) => v.urn).sort());
    run.ofType(LOCK).forEach((l) =>
      expect(l.inputs).toMatchObject({
        changeableForDays: config.backup.vaultLock.changeableForDays,
        minRetentionDays: config.backup.vaultLock.minRetentionDays,
        maxRetentionDays: config.backup.vaultLock.maxRetentionDays,
      }),
    );
    const locks = run.ofType(LOCK).filter((l) => l.inputs.backupVaultName === "callmyway-prod-isolated");
    expect(locks).toHaveLength(1);
    expect(locks[0].inputs).toMatchObject({
      backupVaultName: "callmyway-prod-isolated",
      changeableForDays: config.backup.vaultLock.changeableForDays,
      minRetentionDays: config.backup.vaultLock.minRetentionDays,
      maxRetentionDays: config.backup.vaultLock.maxRetentionDays,
    });
    expect(locks[0].inputs.changeableForDays as number).toBeGreaterThanOrEqual(3);
    expect(locks[0].provider).toBe(isolatedVault().provider);
  });

  it("puts the isolated vault in the isolated region, through a provider that assumes the backup account's role", () => {
    const provider = providerOf(isolatedVault());
    expect(provider.inputs.region).toBe(config.backup.isolatedRegion);
    expect(JSON.parse(provider.inputs.assumeRoles as string)).toEqual([expect.objectContaining({ roleArn: ROLE_ARN })]);
    sites.forEach((s) => expect(s.region).not.toBe(config.backup.isolatedRegion));
  });

  it("copies every rule of every site's plan to the isolated vault, kept as long as the rule keeps it", () => {
    const plans = run.ofType(PLAN);
    expect(plans.map((p) => p.name).sort()).toEqual(sites.map((s) => `${s.name}-backup-plan`).sort());
    plans.forEach((plan) => {
      expect(plan.propertyDependencies.rules).toContain(isolatedVault().urn);
      const rules = plan.inputs.rules as Record<string, any>[];
      expect(rules.map((r) => r.ruleName)).toEqual(["daily", "weekly", "monthly"]);
      rules.forEach((rule) => {
        const name = rule.ruleName as "daily" | "weekly" | "monthly";
        expect(rule.schedule).toBe(config.backup.schedules[name]);
        expect(rule.lifecycle).toEqual({ deleteAfter: config.backup.retentionDays[name] });
        expect(rule.copyActions).toHaveLength(1);
        expect(rule.copyActions[0].destinationVaultArn).toBe(
          `arn:aws:backup:${config.backup.isolatedRegion}:123456789012:backup-vault:callmyway-prod-isolated`,
        );
        expect(rule.copyActions[0].lifecycle).toEqual({ deleteAfter: config.backup.retentionDays[name] });
        expect(rule.targetVaultName).toBe(`callmyway-prod-${plan.name.replace(/-backup-plan$/, "")}`);
      });
    });
  });

  it("selects by the backup=true tag (the database and core volumes) with a role holding only AWS Backup's managed policies", () => {
    const selections = run.ofType(SELECTION);
    expect(selections).toHaveLength(sites.length);
    selections.forEach((s) => {
      expect(s.inputs.selectionTags).toEqual([{ type: "STRINGEQUALS", key: "backup", value: "true" }]);
      const role = run.resources.find((r) => r.type === ROLE && s.propertyDependencies.iamRoleArn.includes(r.urn))!;
      expect(JSON.parse(role.inputs.assumeRolePolicy as string).Statement[0].Principal).toEqual({
        Service: "backup.amazonaws.com",
      });
      const attached = run
        .ofType(ATTACHMENT)
        .filter((a) => a.parent === role.urn)
        .map((a) => a.inputs.policyArn);
      expect(attached.sort()).toEqual([
        "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
        "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
      ]);
      expect(run.resources.filter((r) => r.parent === role.urn && r.type !== ATTACHMENT)).toEqual([]);
    });
  });

  it("proves restores on a schedule: each site restores its vault's latest database and core-volume points", () => {
    const plans = run.ofType(RESTORE_PLAN);
    expect(plans).toHaveLength(sites.length);
    const { restoreTesting } = config.backup;
    plans.forEach((plan) => {
      expect(plan.inputs.name).toMatch(/^[a-zA-Z0-9_]{1,50}$/);
      expect(plan.inputs.scheduleExpression).toBe(restoreTesting.schedule);
      expect(plan.inputs.recoveryPointSelection).toMatchObject({
        algorithm: "LATEST_WITHIN_WINDOW",
        recoveryPointTypes: ["SNAPSHOT"],
        selectionWindowDays: restoreTesting.selectionWindowDays,
      });
      // The vault it restores from is its own site's (same provider, so same region).
      const vault = run.ofType(VAULT).find((v) => plan.propertyDependencies.recoveryPointSelection.includes(v.urn));
      expect(vault?.provider).toBe(plan.provider);
      const selections = run.ofType(RESTORE_SELECTION).filter((sel) => sel.parent === plan.urn);
      expect(selections.map((sel) => sel.inputs.protectedResourceType).sort()).toEqual(["EBS", "RDS"]);
      selections.forEach((sel) => {
        expect(sel.inputs.restoreTestingPlanName).toBe(plan.inputs.name);
        expect(sel.inputs.protectedResourceConditions).toEqual({
          stringEquals: [{ key: "aws:ResourceTag/backup", value: "true" }],
        });
        expect(sel.inputs.validationWindowHours).toBe(restoreTesting.validationWindowHours);
        // The site's backup role, which holds AWS Backup's restore policy.
        const role = run.resources.find((r) => r.type === ROLE && sel.propertyDependencies.iamRoleArn.includes(r.urn));
        expect(role?.inputs.name).toMatch(/-backup$/);
      });
    });
  });

  it("alarms the NOC when no restore test completed for a week, per restored type; silence breaches", () => {
    const alarms = run
      .ofType("aws:cloudwatch/metricAlarm:MetricAlarm")
      .filter((a) => a.inputs.metricName === "NumberOfRestoreJobsCompleted");
    expect(alarms).toHaveLength(sites.length * 2);
    alarms.forEach((a) => {
      expect(a.inputs).toMatchObject({
        namespace: "AWS/Backup",
        statistic: "Sum",
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        treatMissingData: "breaching",
      });
      expect(["RDS", "EBS"]).toContain((a.inputs.dimensions as Record<string, string>).ResourceType);
      // PutMetricAlarm: period x evaluation periods at most 604,800 s for periods of an hour or more.
      expect((a.inputs.period as number) * (a.inputs.evaluationPeriods as number)).toBeLessThanOrEqual(604800);
      expect(a.inputs.period as number).toBeGreaterThanOrEqual(3600);
      // The site's own NOC topic hears it (the alarm and the topic share the site's stack and provider).
      const topic = run.resources.find((r) => r.urn === a.propertyDependencies.alarmActions?.[0]);
      expect(topic?.type).toBe("aws:sns/topic:Topic");
      expect(topic?.provider).toBe(a.provider);
    });
  });

  it("forbids everyone to delete or shorten recovery points in the isolated vault, and lets production copy in", () => {
    const [vaultPolicy] = run.ofType(VAULT_POLICY);
    const statements = policy(vaultPolicy).Statement as Record<string, any>[];
    const deny = statements.find((s) => s.Effect === "Deny")!;
    expect(deny.Principal).toEqual({ AWS: "*" });
    expect(deny.Action.sort()).toEqual(["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"]);
    // Those actions act on recovery points, whose ARNs are never the vault's: the deny must match them.
    const region = "eu-west-1";
    const recoveryPoints = [
      `arn:aws:backup:${region}:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45`,
      `arn:aws:ec2:${region}::snapshot/snap-0a1b2c3d4e5f60718`,
      `arn:aws:rds:${region}:123456789012:snapshot:awsbackup:job-be59cf2a-2343-4402-bd8b-226993d23453`,
    ];
    const resources = [deny.Resource].flat() as string[];
    recoveryPoints.forEach((arn) => expect(resources.some((pattern) => iamResourceMatches(pattern, arn))).toBe(true));
    const allow = statements.find((s) => s.Effect === "Allow")!;
    expect(allow).toMatchObject({
      Action: "backup:CopyIntoBackupVault",
      Principal: { AWS: ["arn:aws:iam::123456789012:root"] },
    });
  });

  it("encrypts every vault with its own region's rotating customer-managed key; the site keys let the backup account copy", () => {
    const keys = run.ofType(KEY);
    keys.forEach((k) => expect(k.inputs.enableKeyRotation).toBe(true));
    run.ofType(VAULT).forEach((vault) => {
      const key = keys.find((k) => vault.propertyDependencies.kmsKeyArn?.includes(k.urn));
      expect(key).toBeDefined();
      expect(key!.provider).toBe(vault.provider);
    });
    const siteKeys = keys.filter((k) => /-backup-key$/.test(k.name));
    expect(siteKeys).toHaveLength(sites.length);
    siteKeys.forEach((k) => {
      const shared = (policy(k).Statement as Record<string, any>[]).find((s) => s.Sid === "IsolatedAccountCopies");
      expect(shared?.Principal).toEqual({ AWS: `arn:aws:iam::${BACKUP_ACCOUNT}:root` });
    });
  });

  it("tells the NOC (first level) of failed copies through the vault and of failed backups and restores through EventBridge", () => {
    const nocTopics = run.ofType(TOPIC).filter((t) => t.name.endsWith(`-${config.monitoring.levels[0].name}`));
    run.ofType(NOTIFICATIONS).forEach((n) => {
      const events = n.inputs.backupVaultEvents as string[];
      expect(events).toContain("COPY_JOB_FAILED");
      events.forEach((e) => expect(SUPPORTED_VAULT_EVENTS).toContain(e));
      const topic = nocTopics.find((t) => n.propertyDependencies.snsTopicArn.includes(t.urn));
      expect(topic).toBeDefined();
      expect(topic!.provider).toBe(n.provider);
    });
    expect(run.ofType(NOTIFICATIONS)).toHaveLength(sites.length);
    const patterns = run.ofType(EVENT_RULE).map((r) => JSON.parse(r.inputs.eventPattern as string));
    expect(
      patterns.filter((p) => p["detail-type"].includes("Backup Job State Change") && p.detail.state.includes("FAILED")),
    ).toHaveLength(sites.length);
    expect(
      patterns.filter(
        (p) => p["detail-type"].includes("Restore Job State Change") && p.detail.status.includes("FAILED"),
      ),
    ).toHaveLength(sites.length);
    run
      .ofType(EVENT_TARGET)
      .forEach((t) => expect(nocTopics.some((topic) => t.propertyDependencies.arn.includes(topic.urn))).toBe(true));
  });
});

describe("backup guards", () => {
  const lock = stackConfig("staging").backup.vaultLock;
  it("refuses a vault lock cooling-off under three days (AWS would refuse the compliance lock)", () => {
    expect(() => checkVaultLock({ ...lock, changeableForDays: 2 })).toThrow(
      /backup.vaultLock.changeableForDays must be at least 3/,
    );
    expect(checkVaultLock({ ...lock, changeableForDays: 3 })).toEqual({ ...lock, changeableForDays: 3 });
  });

  it("refuses a restore test schedule that is not a cron() or rate() expression, and a window AWS would refuse", () => {
    const raw = rawStackConfig("staging") as { backup: Record<string, unknown> };
    const withRestore = (restoreTesting: unknown) => () =>
      validateConfig({ ...raw, backup: { ...raw.backup, restoreTesting } });
    expect(withRestore({ schedule: "0 6 * * 0" })).toThrow(/backup\.restoreTesting\.schedule.*cron\(\) or rate\(\)/s);
    expect(withRestore({ validationWindowHours: 200 })).toThrow(/backup\.restoreTesting\.validationWindowHours/);
    expect(withRestore({ selectionWindowDays: 0 })).toThrow(/backup\.restoreTesting\.selectionWindowDays/);
  });

  it("takes restore test schedules that run at least weekly, and refuses rarer ones the never-ran alarm cannot watch", () => {
    const raw = rawStackConfig("staging") as { backup: Record<string, unknown> };
    const withSchedule = (schedule: string) => () =>
      validateConfig({ ...raw, backup: { ...raw.backup, restoreTesting: { schedule } } });
    ["cron(0 6 ? * SUN *)", "cron(0 3 * * ? *)", "cron(0 6 ? * MON,THU *)", "rate(7 days)", "rate(12 hours)"].forEach(
      (ok) => expect(withSchedule(ok)).not.toThrow(),
    );
    ["cron(0 6 1 * ? *)", "cron(0 6 ? 1 SUN *)", "rate(8 days)", "rate(30 days)"].forEach((rare) =>
      expect(withSchedule(rare)).toThrow(/backup\.restoreTesting\.schedule.*does not run at least weekly/s),
    );
  });

  it("refuses a minimum retention above the maximum", () => {
    expect(() => checkVaultLock({ ...lock, minRetentionDays: 200, maxRetentionDays: 100 })).toThrow(
      /minRetentionDays is above maxRetentionDays/,
    );
  });
});

describe("backups in the prod stack", () => {
  let run: Run;
  const config = stackConfig("prod");
  beforeAll(async () => {
    run = await runStack("prod");
  });

  it("backs up every AWS site into its own region and copies to the one isolated vault in a region with no site", () => {
    const awsSites = config.sites.flatMap((s) => (s.kind === "aws" ? [s] : []));
    const regionOf = (r: PlanResource) => run.resources.find((p) => p.urn === r.provider)!.inputs.region;
    const isolated = run.named(VAULT, "backup-isolated-vault");
    expect(regionOf(isolated)).toBe(config.backup.isolatedRegion);
    // prod names the backup account (a placeholder the operator replaces): the isolated provider assumes its role.
    const roles = JSON.parse(run.resources.find((p) => p.urn === isolated.provider)!.inputs.assumeRoles as string) as {
      roleArn: string;
    }[];
    expect(roles.map((r) => r.roleArn)).toEqual([config.backup.isolatedAccountRoleArn]);
    // One lock per vault: the isolated one and each site's.
    expect(run.ofType(LOCK).map((l) => l.inputs.changeableForDays)).toEqual(
      run.ofType("aws:backup/vault:Vault").map(() => config.backup.vaultLock.changeableForDays),
    );
    awsSites.forEach((site) => {
      const vault = run.named(VAULT, `${site.name}-backup-vault`);
      expect(regionOf(vault)).toBe(site.region);
      const plan = run.named(PLAN, `${site.name}-backup-plan`);
      (plan.inputs.rules as Record<string, any>[]).forEach((rule) =>
        expect(rule.copyActions[0].destinationVaultArn).toMatch(
          new RegExp(`^arn:aws:backup:${config.backup.isolatedRegion}:`),
        ),
      );
    });
    expect(awsSites.map((s) => s.region)).not.toContain(config.backup.isolatedRegion);
  });
});

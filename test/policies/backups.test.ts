// Backups isolated: locked vaults in compliance mode, daily/weekly/monthly copies to another region (S11, S12).
import {
  backupPlanDailyWeeklyMonthlyCrossRegion,
  cadenceOf,
} from "../../policies/rules/backupPlanDailyWeeklyMonthlyCrossRegion";
import { backupVaultLockComplianceMode } from "../../policies/rules/backupVaultLockComplianceMode";
import { backupVaultsLocked } from "../../policies/rules/backupVaultsLocked";
import { Json } from "../../tools/plan/capture";
import { failing, res, T } from "./fixtures";

const provider = (region: string) => res(T.awsProvider, `${region}-aws`, { region }, {}, { custom: true });
const use1 = provider("us-east-1");
const euc1 = provider("eu-central-1");

describe("backup-vault-lock-in-compliance-mode", () => {
  it("fails governance-mode locks and cooling-off below the minimum", async () => {
    const resources = [
      res(T.vaultLock, "compliance", {
        backupVaultName: "[unknown]",
        changeableForDays: 3,
        minRetentionDays: 35,
        maxRetentionDays: 400,
      }),
      res(T.vaultLock, "governance", { backupVaultName: "[unknown]", minRetentionDays: 35 }),
      res(T.vaultLock, "too-short", { backupVaultName: "[unknown]", changeableForDays: 2 }),
    ];
    expect(await failing(backupVaultLockComplianceMode, resources)).toEqual(["governance", "too-short"]);
  });
});

describe("backup-vaults-locked", () => {
  it("fails vaults that no vault lock refers to", async () => {
    const locked = res(T.vault, "isolated", {});
    const unlocked = res(T.vault, "site", {});
    const resources = [
      locked,
      unlocked,
      res(T.vaultLock, "isolated-lock", { changeableForDays: 3 }, { backupVaultName: locked }),
    ];
    expect(await failing(backupVaultsLocked, resources)).toEqual(["site"]);
  });
});

describe("backup-plan-daily-weekly-monthly-with-cross-region-copy", () => {
  const home = res(T.vault, "use1-vault", {}, {}, { provider: use1.urn });
  const isolated = res(T.vault, "isolated-vault", {}, {}, { provider: euc1.urn });
  const rule = (ruleName: string, schedule: string, copy: boolean): Json => ({
    ruleName,
    schedule,
    targetVaultName: "[unknown]",
    ...(copy ? { copyActions: [{ destinationVaultArn: "[unknown]" }] } : {}),
  });
  const plan = (name: string, rules: Json[], deps = [home, isolated]) =>
    res(T.backupPlan, name, { name, rules }, { rules: deps }, { provider: use1.urn });
  const airGapped = res(
    "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
    "air-gapped",
    { region: "eu-central-1" },
    {},
    { provider: use1.urn },
  );
  const base = [use1, euc1, home, isolated, airGapped];

  it("passes daily, weekly and monthly rules (by name or schedule) copying to another region", async () => {
    const resources = [
      ...base,
      plan("by-name", [
        rule("daily", "cron(0 3 * * ? *)", true),
        rule("weekly", "cron(0 4 ? * SUN *)", true),
        rule("monthly", "cron(0 5 1 * ? *)", true),
      ]),
      plan("by-schedule", [
        rule("a", "cron(0 3 * * ? *)", true),
        rule("b", "cron(0 4 ? * SUN *)", true),
        rule("c", "cron(0 5 1 * ? *)", true),
      ]),
      res(
        T.backupPlan,
        "to-air-gapped",
        { name: "g", rules: ["daily", "weekly", "monthly"].map((n) => rule(n, "x", true)) },
        { rules: [home, airGapped] },
        { provider: use1.urn },
      ),
      res(
        T.backupPlan,
        "literal-arn",
        {
          name: "x",
          rules: ["daily", "weekly", "monthly"].map((n) => ({
            ruleName: n,
            targetVaultName: "v",
            copyActions: [{ destinationVaultArn: "arn:aws:backup:eu-central-1:123456789012:backup-vault:iso" }],
          })),
        },
        {},
        { provider: use1.urn },
      ),
    ];
    expect(await failing(backupPlanDailyWeeklyMonthlyCrossRegion, resources)).toEqual([]);
  });

  it("fails a missing cadence, a rule without a copy, and copies that stay in the home region", async () => {
    const resources = [
      ...base,
      plan("no-monthly", [rule("daily", "cron(0 3 * * ? *)", true), rule("weekly", "cron(0 4 ? * SUN *)", true)]),
      plan("weekly-no-copy", [rule("daily", "x", true), rule("weekly", "x", false), rule("monthly", "x", true)]),
      plan("same-region", [rule("daily", "x", true), rule("weekly", "x", true), rule("monthly", "x", true)], [home]),
    ];
    expect(await failing(backupPlanDailyWeeklyMonthlyCrossRegion, resources)).toEqual([
      "no-monthly",
      "same-region",
      "weekly-no-copy",
    ]);
  });

  it("reads cadence from cron shapes", () => {
    expect(
      ["cron(0 3 * * ? *)", "cron(0 4 ? * SUN *)", "cron(0 5 1 * ? *)", "rate(1 day)", "cron(0 5 1 1 ? *)"].map((s) =>
        cadenceOf("rule", s),
      ),
    ).toEqual(["daily", "weekly", "monthly", undefined, undefined]);
  });
});

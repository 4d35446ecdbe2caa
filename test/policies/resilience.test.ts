// Every service on two servers in two AZs; the database survives AZ loss and mistakes (S4, S12).
import { poolsSpanTwoHostsTwoAzs } from "../../policies/rules/poolsSpanTwoHostsTwoAzs";
import { rdsBackupRetention, rdsDeletionProtection, rdsMultiAz } from "../../policies/rules/rdsResilience";
import { sbcTwoPerSiteTwoAzs } from "../../policies/rules/sbcTwoPerSiteTwoAzs";
import { check, failing, res, T, tags } from "./fixtures";

describe("pools-at-least-two-hosts-in-two-azs", () => {
  it("fails groups below two hosts or inside one subnet/AZ; SBC slots are left to the SBC rule", async () => {
    const resources = [
      res(T.asg, "web-pool", {
        minSize: 2,
        maxSize: 6,
        vpcZoneIdentifiers: ["[unknown]", "[unknown]"],
        tags: [{ key: "tier", value: "web", propagateAtLaunch: true }],
      }),
      res(T.asg, "by-azs", { minSize: 3, maxSize: 6, availabilityZones: ["us-east-1a", "us-east-1b"] }),
      res(T.asg, "single-host", { minSize: 1, maxSize: 4, vpcZoneIdentifiers: ["subnet-1", "subnet-2"] }),
      res(T.asg, "single-subnet", { minSize: 2, maxSize: 4, vpcZoneIdentifiers: ["subnet-1"] }),
      res(T.asg, "no-placement", { minSize: 2, maxSize: 4 }),
      res(T.asg, "sbc-slot-1", {
        minSize: 1,
        maxSize: 1,
        vpcZoneIdentifiers: ["subnet-1"],
        tags: [{ key: "tier", value: "sbc", propagateAtLaunch: true }],
      }),
    ];
    expect(await failing(poolsSpanTwoHostsTwoAzs, resources)).toEqual(["no-placement", "single-host", "single-subnet"]);
  });
});

describe("sbc-at-least-two-per-site-in-two-azs", () => {
  const subnet = (site: string, az: number) =>
    res(T.subnet, `${site}-edge-${az}`, { availabilityZone: "[unknown]", tags: tags("network", site) });
  const sbc = (site: string, slot: number, where: ReturnType<typeof subnet>) =>
    res(T.instance, `${site}-sbc-${slot}`, { tags: tags("sbc", site) }, { subnetId: where });
  const [a0, a1, b0] = [subnet("use1", 0), subnet("use1", 1), subnet("euw1", 0)];

  it("passes two SBCs in two AZs per site, and stacks without SBCs", async () => {
    expect(await failing(sbcTwoPerSiteTwoAzs, [a0, a1, sbc("use1", 1, a0), sbc("use1", 2, a1)])).toEqual([]);
    expect(await check(sbcTwoPerSiteTwoAzs, [a0, a1])).toEqual([]);
  });

  it("fails a site with one SBC, and a site with two SBCs in one AZ", async () => {
    const resources = [a0, a1, b0, sbc("use1", 1, a0), sbc("use1", 2, a0), sbc("euw1", 1, b0)];
    const violations = await check(sbcTwoPerSiteTwoAzs, resources);
    expect(violations.map((v) => v.message)).toEqual([
      "site euw1: 1 SBC host(s) in 1 AZ(s), needs 2 in 2",
      "site use1: 2 SBC host(s) in 1 AZ(s), needs 2 in 2",
    ]);
  });

  it("counts single-host SBC groups and known AZs", async () => {
    const slot = (n: number, az: string) =>
      res(T.asg, `use1-sbc-slot-${n}`, {
        minSize: 1,
        maxSize: 1,
        availabilityZones: [az],
        tags: [
          { key: "tier", value: "sbc", propagateAtLaunch: true },
          { key: "site", value: "use1", propagateAtLaunch: true },
        ],
      });
    expect(await failing(sbcTwoPerSiteTwoAzs, [slot(1, "us-east-1a"), slot(2, "us-east-1b")])).toEqual([]);
    expect(await failing(sbcTwoPerSiteTwoAzs, [slot(1, "us-east-1a"), slot(2, "us-east-1a")])).toEqual([
      "use1-sbc-slot-1",
    ]);
  });
});

describe("rds resilience", () => {
  const source = "arn:aws:rds:us-east-1:123456789012:db:core";
  it("rds-multi-az-required fails single-AZ primaries, not replicas", async () => {
    const resources = [
      res(T.rds, "multi", { multiAz: true }),
      res(T.rds, "single", { multiAz: false }),
      res(T.rds, "unset", {}),
      res(T.rds, "replica", { replicateSourceDb: source }),
    ];
    expect(await failing(rdsMultiAz, resources)).toEqual(["single", "unset"]);
  });

  it("rds-deletion-protection-required fails unprotected instances, replicas included", async () => {
    const resources = [
      res(T.rds, "protected", { deletionProtection: true }),
      res(T.rds, "unprotected", { deletionProtection: false }),
      res(T.rds, "replica", { replicateSourceDb: source }),
    ];
    expect(await failing(rdsDeletionProtection, resources)).toEqual(["replica", "unprotected"]);
  });

  it("rds-backup-retention-required fails retention below the configured days", async () => {
    const resources = [
      res(T.rds, "month", { backupRetentionPeriod: 35 }),
      res(T.rds, "week", { backupRetentionPeriod: 7 }),
      res(T.rds, "none", { backupRetentionPeriod: 0 }),
      res(T.rds, "unset", {}),
      res(T.rds, "replica", { replicateSourceDb: source }),
    ];
    expect(await failing(rdsBackupRetention, resources)).toEqual(["none", "unset"]);
    expect(await failing(rdsBackupRetention, resources, { minBackupRetentionDays: 35 })).toEqual([
      "none",
      "unset",
      "week",
    ]);
  });
});

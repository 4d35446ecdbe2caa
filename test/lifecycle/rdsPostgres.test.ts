import {
  RDS_POSTGRES_CREATABLE,
  RDS_POSTGRES_TABLE_DATE,
  rdsPostgresCreatable,
  rdsPostgresRefusal,
} from "../../lib/lifecycle/rdsPostgres";
import { stackConfig } from "../harness/config";

describe("RDS for PostgreSQL versions RDS still creates (dated table)", () => {
  it("is dated, and lists exact minors per major", () => {
    expect(RDS_POSTGRES_TABLE_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    Object.entries(RDS_POSTGRES_CREATABLE).forEach(([major, minors]) =>
      minors.forEach((v) => expect(v).toMatch(new RegExp(`^${major}\\.\\d+$`))),
    );
  });

  it("refuses the minors RDS retired in May 2026 and every older one; accepts the upgrade targets", () => {
    ["16.4", "16.5", "16.8", "15.12", "14.17", "17.4", "16.0"].forEach((v) =>
      expect(rdsPostgresCreatable(v)).toBe(false),
    );
    ["16.11", "15.15", "14.20", "17.7", "16.9"].forEach((v) => expect(rdsPostgresCreatable(v)).toBe(true));
  });

  it("refuses what the table does not know: a newer minor, an unknown major, a malformed version", () => {
    ["16.99", "12.22", "16", "latest", ""].forEach((v) => expect(rdsPostgresCreatable(v)).toBe(false));
    expect(rdsPostgresRefusal("16.99")).toMatch(/choose one of 16\.9, 16\.10, 16\.11/);
    expect(rdsPostgresRefusal("16.11")).toBeUndefined();
  });

  it.each(["prod", "staging"] as const)("the %s stack runs a version RDS creates", (stack) => {
    expect(rdsPostgresCreatable(stackConfig(stack).database.engineVersion)).toBe(true);
  });
});

// Which RDS for PostgreSQL engine versions RDS still creates new instances on, as a dated table.
//
// Sources (read on the table's date):
// - Release calendar for Amazon RDS for PostgreSQL (minor versions, RDS end of standard support):
//   https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html
// - AWS Health notice of the May 2026 retirement, quoted at
//   https://github.com/saayam-for-all/database/wiki/AWS-RDS-instances-%E2%80%90-Health-Checks : "Starting May 1,
//   2026, you will not be able to create new database instances on Amazon RDS for PostgreSQL minor versions 14.14,
//   14.15, 14.16, 14.17, 15.9, 15.10, 15.11, 15.12, 16.5, 16.6, 16.7, 16.8, 17.1, 17.2, 17.3, 17.4 [...] to version
//   14.20, 15.15, 16.11, 17.7 (or higher)". RDS retires minor versions oldest first, so every minor older than a
//   retired one (16.4 and below for 16) was retired earlier.
// A version newer than the table knows is refused too: RDS may not offer it yet, and the table must be
// re-read against the calendar before a stack moves to it.

/** The day this table was checked against its sources (ISO date). Re-check when a stack changes engine version. */
export const RDS_POSTGRES_TABLE_DATE = "2026-05-30";

/** Per major version, the minor versions RDS still creates instances on at the table's date. */
export const RDS_POSTGRES_CREATABLE: Readonly<Record<string, readonly string[]>> = {
  "14": ["14.18", "14.19", "14.20"],
  "15": ["15.13", "15.14", "15.15"],
  "16": ["16.9", "16.10", "16.11"],
  "17": ["17.5", "17.6", "17.7"],
};

/** true when RDS creates new instances on this exact engine version (`16.11`), per the table. */
export function rdsPostgresCreatable(version: string): boolean {
  const major = version.split(".")[0];
  return RDS_POSTGRES_CREATABLE[major]?.includes(version) ?? false;
}

/** Why a version is refused, with what to choose instead (for config validation and the preflight). */
export function rdsPostgresRefusal(version: string): string | undefined {
  if (rdsPostgresCreatable(version)) return undefined;
  const major = version.split(".")[0];
  const same = RDS_POSTGRES_CREATABLE[major];
  const choose = same
    ? `choose one of ${same.join(", ")}`
    : `RDS creates majors ${Object.keys(RDS_POSTGRES_CREATABLE).join(", ")}`;
  return `RDS for PostgreSQL does not create instances on ${version} (table of ${RDS_POSTGRES_TABLE_DATE}, lib/lifecycle/rdsPostgres.ts): ${choose}`;
}

// Recovery point objective per data class (§4, S11, S12) and where each copy lives.
import type { AwsSiteConfig, NetworkConfig } from "../../config/schema";

/** RDS ships transaction logs to S3 every five minutes: the point-in-time restore horizon. */
export const RDS_LOG_UPLOAD_SECONDS = 300;

export interface RecoveryFigure {
  readonly dataClass: string;
  /** Worst data loss, in seconds; null when there is nothing to lose or no fixed bound (replica lag). */
  readonly rpoSeconds: number | null;
  /** The RPO in words, for people. */
  readonly rpo: string;
  readonly retentionDays: number | null;
  /** Region and account of the copy. */
  readonly location: string;
  readonly basis: string;
}

const HOUR = 3600;

export function recoveryFigures(config: NetworkConfig): RecoveryFigure[] {
  const db = config.database;
  const regionOf = (name: string) => {
    const site = config.sites.find((s): s is AwsSiteConfig => s.kind === "aws" && s.name === name);
    if (!site) throw new Error(`database: "${name}" is not the name of an AWS site`);
    return site.region;
  };
  const { backup } = config;
  const isolatedAccount = backup.isolatedAccountRoleArn
    ? `separate account ${/::(\d{12}):/.exec(backup.isolatedAccountRoleArn)?.[1] ?? "?"}`
    : "the production account (no isolatedAccountRoleArn)";
  const lock = backup.vaultLock;
  const isolated = `${backup.isolatedRegion}, ${isolatedAccount}, vault lock in compliance mode (${lock.minRetentionDays}-${lock.maxRetentionDays} days)`;
  const ruleCopy = (rule: "daily" | "weekly" | "monthly", rpo: number, every: string): RecoveryFigure[] => [
    {
      dataClass: `${rule} backups (database, core volumes tagged backup=true)`,
      rpoSeconds: rpo,
      rpo: every,
      retentionDays: backup.retentionDays[rule],
      location: "each site's own vault, in its region",
      basis: `AWS Backup rule ${rule}: ${backup.schedules[rule]}`,
    },
    {
      dataClass: `${rule} isolated copies`,
      rpoSeconds: rpo,
      rpo: `${every}, plus the copy's duration`,
      retentionDays: backup.retentionDays[rule],
      location: isolated,
      basis: `every ${rule} recovery point is copied after the backup completes (plus the copy's duration)`,
    },
  ];
  return [
    {
      dataClass: "database, point-in-time restore",
      rpoSeconds: RDS_LOG_UPLOAD_SECONDS,
      rpo: "5 minutes",
      retentionDays: db.backupRetentionDays,
      location: `${regionOf(db.site)} (site ${db.site}), production account`,
      basis: "RDS uploads transaction logs every 5 minutes; restore to any second inside the retention",
    },
    ...(db.replicaSite
      ? [
          {
            dataClass: "database, cross-region read replica",
            rpoSeconds: null,
            rpo: "the replication lag (seconds)",
            retentionDays: null,
            location: `${regionOf(db.replicaSite)} (site ${db.replicaSite}), production account`,
            basis: "asynchronous replication: the loss is the replica lag (seconds), watched by ReplicaLag",
          },
        ]
      : []),
    ...ruleCopy("daily", 24 * HOUR, "24 hours"),
    ...ruleCopy("weekly", 7 * 24 * HOUR, "7 days"),
    ...ruleCopy("monthly", 31 * 24 * HOUR, "31 days"),
    {
      dataClass: "edge hosts (SBC, web)",
      rpoSeconds: null,
      rpo: "nothing to lose",
      retentionDays: null,
      location: "nothing to keep: stateless, rebuilt from the launch template",
      basis: "S11: exposed servers hold nothing critical",
    },
  ];
}

/**
 * RDS Multi-AZ: the standby is written synchronously and takes over in "typically 60-120 seconds"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html).
 */
export const RDS_MULTI_AZ_FAILOVER_SECONDS = { typical: 60, worst: 120 } as const;
/** Promoting a cross-region read replica: minutes, depending on the replay left (an estimate, not a documented bound). */
export const RDS_REPLICA_PROMOTION_SECONDS_ESTIMATE = 600;
/** Restoring an instance from a snapshot copy: hours for a production database (an estimate). */
export const RDS_SNAPSHOT_RESTORE_SECONDS_ESTIMATE = 4 * HOUR;

/** What a failure costs the core database: data lost (RPO) and time without a writable primary (RTO). */
export interface FailureRecoveryFigure {
  readonly failure: string;
  readonly rpoSeconds: number | null;
  readonly rpo: string;
  readonly rtoSeconds: number;
  readonly rto: string;
  /** What happens, and who does it. */
  readonly recovery: string;
}

/** RPO and RTO of the core database per failure (an AZ, the primary's region), from the config. */
export function failureRecoveryFigures(config: NetworkConfig): FailureRecoveryFigure[] {
  const db = config.database;
  const azLoss: FailureRecoveryFigure = {
    failure: `an AZ of site ${db.site} (the primary's)`,
    rpoSeconds: 0,
    rpo: "none (the Multi-AZ standby is written synchronously)",
    rtoSeconds: RDS_MULTI_AZ_FAILOVER_SECONDS.worst,
    rto: "60-120 s",
    recovery: "RDS fails over to the standby by itself; the endpoint's DNS name moves, the core reconnects",
  };
  const regionLoss: FailureRecoveryFigure = db.replicaSite
    ? {
        failure: `the region of site ${db.site} (the primary's)`,
        rpoSeconds: null,
        rpo: "the replica lag at the moment of loss (seconds; alarmed by ReplicaLag)",
        rtoSeconds: RDS_REPLICA_PROMOTION_SECONDS_ESTIMATE,
        rto: "about 10 minutes after the decision (estimate)",
        recovery: `an operator promotes the replica in site ${db.replicaSite} (rds promote-read-replica) and points the core at it`,
      }
    : {
        failure: `the region of site ${db.site} (the only copy of the database)`,
        rpoSeconds: 24 * HOUR,
        rpo: "up to 24 hours (the last daily copy in the isolated vault), plus the copy's duration",
        rtoSeconds: RDS_SNAPSHOT_RESTORE_SECONDS_ESTIMATE,
        rto: "hours (restore from the isolated copy; estimate)",
        recovery: "an operator restores the last isolated copy into another site: no replica is configured",
      };
  return [azLoss, regionLoss];
}

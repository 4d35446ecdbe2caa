import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { NetworkConfig } from "../../config";
import { AwsSite } from "../site";
import { Tags, tierTags } from "../tags";
import { FirewallRule, SecurityGroupSpec } from "../../lib/model";
import { PeerResolver, createRules } from "../pools/securityRules";
import { BACKUP_TAGS } from "../backup/selectionTag";

/** Master user of the core database. */
export const MASTER_USERNAME = "callmyway_admin";

export interface DatabaseSiteArgs {
  /** The AWS site (provider, network) the instance runs in. */
  readonly site: AwsSite;
  /** The database group's description and rules from the network model, and the groups they reference. */
  readonly firewall: {
    readonly group: SecurityGroupSpec;
    readonly rules: readonly FirewallRule[];
    readonly resolve: PeerResolver;
  };
}

export interface CoreDatabaseArgs {
  /** Engine version, class, storage and retention from config. */
  readonly settings: NetworkConfig["database"];
  /** PostgreSQL port. */
  readonly port: number;
  /** The account's quota of security group rules per direction (config `awsQuotas`). */
  readonly maxRulesPerDirection: number;
  /** Where the primary runs. */
  readonly primary: DatabaseSiteArgs;
  /** Region of the cross-region read replica (built by the replica site's stack), when config has one. */
  readonly replicaRegion?: string;
}

export interface DatabaseReplicaArgs extends Omit<CoreDatabaseArgs, "primary" | "replicaRegion"> {
  /** Where the replica runs. */
  readonly replica: DatabaseSiteArgs;
  /**
   * ARN of the primary instance (from the primary site's stack); undefined promotes the replica to a
   * standalone primary ("Removing the replicate_source_db attribute from an existing RDS Replicate
   * database ... will promote the database to a fully standalone database", aws.rds.Instance docs).
   */
  readonly sourceArn: pulumi.Input<string> | undefined;
}

/** `16.4` -> `postgres16`, the parameter group family of a PostgreSQL version. */
export function postgresFamily(engineVersion: string): string {
  const major = engineVersion.split(".")[0];
  if (!/^\d+$/.test(major)) throw new Error(`database.engineVersion "${engineVersion}" has no major version`);
  return `postgres${major}`;
}

/**
 * The core database (S12): RDS PostgreSQL in the isolated data subnets of one site, Multi-AZ,
 * encrypted with a customer-managed key that rotates, private, protected from deletion, with
 * point-in-time recovery, TLS forced by its parameter group, tagged for the backup plan. The
 * master password is managed by RDS in Secrets Manager (it never passes through Pulumi), except
 * with a cross-region read replica, which RDS cannot create from such a source: then it is
 * generated, kept as a Pulumi secret and stored in a Secrets Manager secret replicated to the
 * replica's region, so a promoted replica is usable when the primary's region is lost. The replica
 * itself is the replica site's (DatabaseReplica): each stack calls its own region only.
 */
export class CoreDatabase extends pulumi.ComponentResource {
  readonly instance: aws.rds.Instance;

  constructor(name: string, args: CoreDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    // The type token is part of every URN below it: it keeps the name it had under components/pools, so
    // moving the code never replaces the database.
    super("callmyway:pools:CoreDatabase", name, {}, opts);
    const { settings } = args;
    const family = postgresFamily(settings.engineVersion);

    const primarySite = args.primary.site.config.name;
    const primary = databaseSiteResources(this, `${name}-${primarySite}`, args.primary, family, args);
    const password = args.replicaRegion
      ? this.generatedPassword(`${name}-${primarySite}`, primary.key, args.replicaRegion, primary.tags)
      : undefined;

    this.instance = new aws.rds.Instance(
      `${name}-${primarySite}`,
      {
        engine: "postgres",
        engineVersion: settings.engineVersion,
        // The version is pinned like the OS: minor upgrades are a reviewed config change.
        autoMinorVersionUpgrade: false,
        instanceClass: settings.instanceClass,
        allocatedStorage: settings.allocatedStorageGb,
        maxAllocatedStorage: settings.maxAllocatedStorageGb,
        storageType: "gp3",
        storageEncrypted: true,
        kmsKeyId: primary.key.arn,
        dbName: "callmyway",
        username: MASTER_USERNAME,
        ...(password ? { password } : { manageMasterUserPassword: true, masterUserSecretKmsKeyId: primary.key.arn }),
        port: args.port,
        multiAz: true,
        publiclyAccessible: false,
        dbSubnetGroupName: primary.subnetGroup.name,
        vpcSecurityGroupIds: [primary.group.id],
        parameterGroupName: primary.parameterGroup.name,
        backupRetentionPeriod: settings.backupRetentionDays,
        deletionProtection: true,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier: `${name}-${primarySite}-final`,
        copyTagsToSnapshot: true,
        iamDatabaseAuthenticationEnabled: true,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: primary.key.arn,
        enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
        tags: { ...primary.tags, ...BACKUP_TAGS },
      },
      { parent: this },
    );

    this.registerOutputs({ endpoint: this.instance.endpoint, arn: this.instance.arn });
  }

  /**
   * A generated master password (a Pulumi secret), kept in Secrets Manager and replicated to the
   * replica's region. Secrets Manager replicates from the primary region's API (ReplicateSecretToRegions),
   * so this stack calls no other region; the replica is encrypted with that region's
   * `aws/secretsmanager` key, because the replica site's own key belongs to the replica site's stack.
   */
  private generatedPassword(name: string, key: aws.kms.Key, replicaRegion: string, tags: Tags): pulumi.Output<string> {
    // RDS refuses "/", "@", '"' and spaces in master passwords.
    const password = new random.RandomPassword(
      `${name}-master`,
      { length: 40, special: true, overrideSpecial: "!#%^*-_=+" },
      { parent: this },
    );
    const secret = new aws.secretsmanager.Secret(
      `${name}-master`,
      {
        description: "Master credentials of the CallMyWay core database",
        kmsKeyId: key.arn,
        replicas: [{ region: replicaRegion }],
        tags,
      },
      { parent: this },
    );
    new aws.secretsmanager.SecretVersion(
      `${name}-master`,
      {
        secretId: secret.id,
        secretString: pulumi.jsonStringify({ username: MASTER_USERNAME, password: password.result }),
      },
      { parent: secret },
    );
    return password.result;
  }
}

/**
 * The cross-region read replica of the core database, in the replica site's stack: its own key, subnet
 * group, TLS-only parameter group and security group, following the primary's ARN. Promoting it (the
 * regional-loss runbook) is removing the replica config: `replicateSourceDb` goes, the instance stays.
 */
export class DatabaseReplica extends pulumi.ComponentResource {
  readonly instance: aws.rds.Instance;

  constructor(name: string, args: DatabaseReplicaArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:pools:CoreDatabase", name, {}, opts);
    const { settings } = args;
    const replicaSite = args.replica.site.config.name;
    const replica = databaseSiteResources(
      this,
      `${name}-${replicaSite}`,
      args.replica,
      postgresFamily(settings.engineVersion),
      args,
    );
    this.instance = new aws.rds.Instance(
      `${name}-${replicaSite}-replica`,
      {
        ...(args.sourceArn !== undefined ? { replicateSourceDb: args.sourceArn } : {}),
        instanceClass: settings.instanceClass,
        maxAllocatedStorage: settings.maxAllocatedStorageGb,
        storageType: "gp3",
        storageEncrypted: true,
        kmsKeyId: replica.key.arn,
        port: args.port,
        multiAz: true,
        publiclyAccessible: false,
        dbSubnetGroupName: replica.subnetGroup.name,
        vpcSecurityGroupIds: [replica.group.id],
        parameterGroupName: replica.parameterGroup.name,
        autoMinorVersionUpgrade: false,
        // Kept so a promoted replica has point-in-time recovery at once. Not tagged for the backup
        // plan while it is a copy (the plan copies the primary to the isolated vault); promoted, it is
        // the primary and the plan selects it.
        backupRetentionPeriod: settings.backupRetentionDays,
        deletionProtection: true,
        skipFinalSnapshot: args.sourceArn !== undefined,
        ...(args.sourceArn === undefined ? { finalSnapshotIdentifier: `${name}-${replicaSite}-final` } : {}),
        copyTagsToSnapshot: true,
        enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
        tags: args.sourceArn === undefined ? { ...replica.tags, ...BACKUP_TAGS } : replica.tags,
      },
      { parent: this },
    );
    this.registerOutputs({ endpoint: this.instance.endpoint, arn: this.instance.arn });
  }
}

/** Key, subnet group, TLS-only parameter group and security group of the database in one site. */
function databaseSiteResources(
  parent: pulumi.Resource,
  name: string,
  where: DatabaseSiteArgs,
  family: string,
  args: Pick<CoreDatabaseArgs, "maxRulesPerDirection">,
) {
  const opts = { parent, provider: where.site.provider };
  const tags: Tags = tierTags(where.site.network.tags, "data", name);
  const key = new aws.kms.Key(
    `${name}-db`,
    {
      description: `Encryption of the CallMyWay core database in ${where.site.config.name}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      tags,
    },
    opts,
  );
  const subnetGroup = new aws.rds.SubnetGroup(
    `${name}-db`,
    {
      description: "Isolated data subnets",
      subnetIds: where.site.network.subnets.data.map((s) => s.id),
      tags,
    },
    opts,
  );
  const parameterGroup = new aws.rds.ParameterGroup(
    `${name}-db`,
    {
      family,
      description: "CallMyWay core database: TLS required",
      parameters: [{ name: "rds.force_ssl", value: "1" }],
      tags,
    },
    opts,
  );
  const groupName = `${name}-db`;
  const group = new aws.ec2.SecurityGroup(
    groupName,
    {
      vpcId: where.site.network.vpc.id,
      description: where.firewall.group.description,
      tags: tierTags(where.site.network.tags, where.firewall.group.tier, groupName),
    },
    opts,
  );
  const { rules, resolve } = where.firewall;
  createRules(
    { name: groupName, id: group.id, maxRules: args.maxRulesPerDirection },
    rules,
    resolve,
    tierTags(where.site.network.tags, "data"),
    parent,
    where.site.provider,
  );
  return { key, subnetGroup, parameterGroup, group, tags };
}

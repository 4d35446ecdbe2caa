import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { NetworkConfig } from "../../config";
import { AwsSite } from "../site";
import { Tags, tierTags } from "../tags";
import { FirewallRule, SecurityGroupSpec } from "../../lib/model";
import { GroupResolver, createRules } from "../pools/securityRules";
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
    readonly resolve: GroupResolver;
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
  /** Optional cross-region read replica. */
  readonly replica?: DatabaseSiteArgs;
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
 * replica's region, so a promoted replica is usable when the primary's region is lost.
 */
export class CoreDatabase extends pulumi.ComponentResource {
  readonly instance: aws.rds.Instance;
  readonly replica?: aws.rds.Instance;

  constructor(name: string, args: CoreDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    // The type token is part of every URN below it: it keeps the name it had under components/pools, so
    // moving the code never replaces the database.
    super("callmyway:pools:CoreDatabase", name, {}, opts);
    const { settings } = args;
    const family = postgresFamily(settings.engineVersion);

    const primarySite = args.primary.site.config.name;
    const primary = this.siteResources(`${name}-${primarySite}`, args.primary, family, args);
    const replicaSite = args.replica?.site.config.name;
    const replica = args.replica ? this.siteResources(`${name}-${replicaSite}`, args.replica, family, args) : undefined;
    const password =
      replica && args.replica
        ? this.generatedPassword(
            `${name}-${primarySite}`,
            primary.key,
            args.replica.site.config.region,
            replica.key,
            primary.tags,
          )
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

    if (args.replica && replica) {
      this.replica = new aws.rds.Instance(
        `${name}-${replicaSite}-replica`,
        {
          replicateSourceDb: this.instance.arn,
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
          // plan: it is itself a copy, and the plan already copies the primary to the isolated vault.
          backupRetentionPeriod: settings.backupRetentionDays,
          deletionProtection: true,
          skipFinalSnapshot: true,
          copyTagsToSnapshot: true,
          enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
          tags: replica.tags,
        },
        { parent: this, provider: args.replica.site.provider },
      );
    }

    this.registerOutputs({ endpoint: this.instance.endpoint, replicaEndpoint: this.replica?.endpoint });
  }

  /** A generated master password (a Pulumi secret), kept in Secrets Manager in both regions. */
  private generatedPassword(
    name: string,
    key: aws.kms.Key,
    replicaRegion: string,
    replicaKey: aws.kms.Key,
    tags: Tags,
  ): pulumi.Output<string> {
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
        replicas: [{ region: replicaRegion, kmsKeyId: replicaKey.arn }],
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

  /** Key, subnet group, TLS-only parameter group and security group of the database in one site. */
  private siteResources(name: string, where: DatabaseSiteArgs, family: string, args: CoreDatabaseArgs) {
    const opts = { parent: this, provider: where.site.provider };
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
      this,
      where.site.provider,
    );
    return { key, subnetGroup, parameterGroup, group, tags };
  }
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { Tags, tierTags } from "../tags";
import { isolatedKeyPolicy, isolatedVaultPolicy } from "./policies";
import { checkVaultLock, createVaultLock } from "./vaultLock";

export interface IsolatedBackupVaultArgs {
  /** Environment name, for names. */
  readonly environment: string;
  /** Config `backup`: isolated region, optional role in the backup account, vault lock limits. */
  readonly backup: NetworkConfig["backup"];
  /** Accounts whose backup plans copy into this vault (the production account). */
  readonly sourceAccountIds: pulumi.Input<string>[];
  /** Tags of the isolated vault's resources (site tag names the vault, not a site). */
  readonly tags: Tags;
}

/**
 * The ransomware-proof copy (S11): a vault in a region that hosts no site, reached through its own
 * provider (which assumes the backup account's role when config names one), locked in compliance
 * mode. Once the cooling-off days pass, nobody (root included) can remove the lock, shorten the
 * retention or delete a recovery point before its retention ends.
 */
export class IsolatedBackupVault extends pulumi.ComponentResource {
  readonly provider: aws.Provider;
  readonly key: aws.kms.Key;
  readonly vault: aws.backup.Vault;
  readonly lock: aws.backup.VaultLockConfiguration;
  /** ARN of the vault: the destination of every plan's copy actions. */
  readonly vaultArn: pulumi.Output<string>;
  readonly region: string;

  constructor(name: string, args: IsolatedBackupVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:backup:IsolatedBackupVault", name, {}, opts);
    const { backup } = args;
    // Refuse a lock that cannot be compliance mode before anything is created.
    checkVaultLock(backup.vaultLock);
    this.region = backup.isolatedRegion;

    this.provider = new aws.Provider(
      `${name}-aws`,
      {
        region: backup.isolatedRegion,
        ...(backup.isolatedAccountRoleArn
          ? {
              assumeRoles: [
                { roleArn: backup.isolatedAccountRoleArn, sessionName: `callmyway-${args.environment}-backup` },
              ],
            }
          : {}),
        defaultTags: { tags: args.tags },
      },
      { parent: this },
    );
    const inVault = { parent: this, provider: this.provider };
    const partition = aws.getPartitionOutput({}, inVault).partition;
    const accountId = aws.getCallerIdentityOutput({}, inVault).accountId;
    const tags = (resource: string) => tierTags(args.tags, "data", resource);

    const vaultName = `callmyway-${args.environment}-isolated`;
    this.key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `CallMyWay isolated backups (${args.environment})`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: pulumi.all([partition, accountId]).apply(([p, a]) => JSON.stringify(isolatedKeyPolicy(p, a))),
        tags: tags(`${vaultName}-key`),
      },
      inVault,
    );
    new aws.kms.Alias(
      `${name}-key`,
      { name: `alias/${vaultName}`, targetKeyId: this.key.keyId },
      { parent: this.key, provider: this.provider },
    );

    this.vault = new aws.backup.Vault(
      `${name}-vault`,
      {
        name: vaultName,
        kmsKeyArn: this.key.arn,
        // Never empty the vault to delete it: the lock refuses anyway, and the attempt should fail loudly.
        forceDestroy: false,
        tags: tags(vaultName),
      },
      inVault,
    );
    this.vaultArn = this.vault.arn;

    this.lock = createVaultLock(`${name}-lock`, this.vault.name, backup.vaultLock, {
      parent: this.vault,
      provider: this.provider,
    });

    new aws.backup.VaultPolicy(
      `${name}-policy`,
      {
        backupVaultName: this.vault.name,
        policy: pulumi
          .all([partition, pulumi.all(args.sourceAccountIds)])
          .apply(([p, sources]) => JSON.stringify(isolatedVaultPolicy(p, sources))),
      },
      { parent: this.vault, provider: this.provider },
    );

    this.registerOutputs({ vaultArn: this.vaultArn, region: this.region });
  }
}

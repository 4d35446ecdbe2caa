import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { awsProviderFor } from "../providers";
import { AwsSite } from "../site";
import { siteTags } from "../tags";
import { IsolatedBackupVault } from "./isolatedBackupVault";
import { accountOfRoleArn } from "./policies";
import { SiteBackup } from "./siteBackup";

/** Site tag of the isolated vault's resources: they belong to no site. */
export const ISOLATED_BACKUP_SITE_TAG = "isolated-backup";

/**
 * The isolated vault (shared stack). Its policy admits copies from the account the stacks deploy
 * with: read through a provider without the backup account's role (the vault's own provider assumes it).
 */
export function buildIsolatedBackups(config: Pick<NetworkConfig, "environment" | "backup">): IsolatedBackupVault {
  const deployer = awsProviderFor(
    "backup-source-account",
    config.backup.isolatedRegion,
    config.environment,
    ISOLATED_BACKUP_SITE_TAG,
  );
  return new IsolatedBackupVault("backup-isolated", {
    environment: config.environment,
    backup: config.backup,
    sourceAccountIds: [aws.getCallerIdentityOutput({}, { provider: deployer }).accountId],
    tags: siteTags(config.environment, ISOLATED_BACKUP_SITE_TAG),
  });
}

/** A site's vault and plan, copying into the isolated vault (its ARN from the shared stack). */
export function buildSiteBackup(
  config: Pick<NetworkConfig, "environment" | "backup">,
  site: AwsSite,
  isolatedVaultArn: pulumi.Input<string>,
  /** The topic that hears of failed jobs and unproven restores (the NOC), and its escalation level. */
  noc: { readonly topicArn: pulumi.Input<string>; readonly level: string },
): SiteBackup {
  return new SiteBackup(
    `${site.config.name}-backup`,
    {
      site: site.config.name,
      environment: config.environment,
      backup: config.backup,
      isolatedVaultArn,
      isolatedAccountId: config.backup.isolatedAccountRoleArn
        ? accountOfRoleArn(config.backup.isolatedAccountRoleArn)
        : undefined,
      nocTopicArn: noc.topicArn,
      nocLevel: noc.level,
      tags: site.network.tags,
    },
    { provider: site.provider },
  );
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { AwsSite } from "../site";
import { siteTags } from "../tags";
import { IsolatedBackupVault } from "./isolatedBackupVault";
import { accountOfRoleArn } from "./policies";
import { SiteBackup } from "./siteBackup";

/** Site tag of the isolated vault's resources: they belong to no site. */
export const ISOLATED_BACKUP_SITE_TAG = "isolated-backup";

export interface Backups {
  readonly isolated: IsolatedBackupVault;
  /** Per AWS site name. */
  readonly sites: Record<string, SiteBackup>;
}

/** The isolated vault, then every AWS site's vault and plan copying into it. */
export function buildBackups(
  config: Pick<NetworkConfig, "environment" | "backup">,
  sites: readonly AwsSite[],
  /** Per site name, the topic that hears of failed jobs (the NOC). */
  nocTopicArns: Record<string, pulumi.Input<string>>,
): Backups {
  const sourceAccountIds = sites.map((s) => aws.getCallerIdentityOutput({}, { provider: s.provider }).accountId);
  const isolated = new IsolatedBackupVault("backup-isolated", {
    environment: config.environment,
    backup: config.backup,
    sourceAccountIds,
    tags: siteTags(config.environment, ISOLATED_BACKUP_SITE_TAG),
  });
  const isolatedAccountId = config.backup.isolatedAccountRoleArn
    ? accountOfRoleArn(config.backup.isolatedAccountRoleArn)
    : undefined;
  const siteBackups = sites.map(
    (site) =>
      [
        site.config.name,
        new SiteBackup(
          `${site.config.name}-backup`,
          {
            site: site.config.name,
            environment: config.environment,
            backup: config.backup,
            isolatedVaultArn: isolated.vaultArn,
            isolatedAccountId,
            nocTopicArn: nocTopicArns[site.config.name],
            tags: site.network.tags,
          },
          { provider: site.provider },
        ),
      ] as const,
  );
  return { isolated, sites: Object.fromEntries(siteBackups) };
}

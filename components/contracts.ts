// Interfaces between components built by different parts of the program.
import * as pulumi from "@pulumi/pulumi";

/** What the DNS layer needs from one AWS site's pools. */
export interface SiteEntryPoints {
  readonly site: string;
  readonly region: string;
  /** DNS name of the site's internet-facing ALB: the origin of the site's Cloudflare pool. */
  readonly albDnsName: pulumi.Input<string>;
  /** The site's SBCs in slot order, each with the static public IP carriers allowlist. */
  readonly sbcs: readonly { readonly slot: number; readonly publicIp: pulumi.Input<string> }[];
}

/**
 * SSM parameter holding the CloudWatch agent configuration of a site's hosts. The
 * `AmazonCloudWatch-` prefix is what CloudWatchAgentServerPolicy lets hosts read.
 */
export function agentConfigParameterName(environment: string, site: string): string {
  return `AmazonCloudWatch-callmyway-${environment}-${site}`;
}

/** CloudWatch agent metrics the launch templates collect and the monitoring alarms on. */
export const AGENT_METRICS = {
  namespace: "CWAgent",
  memoryUsedPercent: "mem_used_percent",
  diskUsedPercent: "disk_used_percent",
  /** Dimension the agent appends so alarms can watch a whole Auto Scaling group. */
  groupDimension: "AutoScalingGroupName",
} as const;

/** The tag AWS Backup selects on: the core database and the core hosts' volumes carry it. */
export const BACKUP_SELECTION_TAG = { key: "backup", value: "true" } as const;

/** The selection tag as a tags entry, for resources that must be backed up. */
export const BACKUP_TAGS: Readonly<Record<string, string>> = { [BACKUP_SELECTION_TAG.key]: BACKUP_SELECTION_TAG.value };

// What hosts' CloudWatch agents read and publish: the launch templates load this configuration and
// the monitoring alarms on these metrics, so both sides take them from here.

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

/**
 * Boot script of every pool host (RHEL ships neither agent): installs the SSM agent (Session
 * Manager is the only admin path) and the CloudWatch agent, then loads the agent configuration the
 * monitoring layer publishes in SSM (memory and disk metrics), and starts it.
 * Packages come from AWS's regional buckets, which web and core reach through the S3 gateway endpoint.
 */
export function agentBootScript(region: string, agentConfigParameter: string): string {
  const bucket = (name: string) => `https://s3.${region}.amazonaws.com/${name}-${region}`;
  return [
    "#!/bin/bash",
    "set -euo pipefail",
    `dnf install -y ${bucket("amazon-ssm")}/latest/linux_amd64/amazon-ssm-agent.rpm`,
    "systemctl enable --now amazon-ssm-agent",
    `dnf install -y ${bucket("amazoncloudwatch-agent")}/redhat/amd64/latest/amazon-cloudwatch-agent.rpm`,
    `/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c ssm:${agentConfigParameter}`,
    "systemctl enable amazon-cloudwatch-agent",
    "",
  ].join("\n");
}

/** The boot script, base64-encoded as launch templates require. */
export function agentUserData(region: string, agentConfigParameter: string): string {
  return Buffer.from(agentBootScript(region, agentConfigParameter), "utf8").toString("base64");
}

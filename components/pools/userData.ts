/** Attempts per boot step before the boot gives up (the waits between them add up to about 8 minutes). */
export const BOOT_STEP_ATTEMPTS = 10;

/** Tag of the boot's lines in the journal and on the serial console (`aws ec2 get-console-output`). */
export const BOOT_LOG_TAG = "callmyway-boot";

/**
 * Boot script of every pool host (RHEL ships neither agent): installs the SSM agent (Session
 * Manager is the only admin path) and the CloudWatch agent, then loads the agent configuration the
 * monitoring layer publishes in SSM (memory and disk metrics), and starts it.
 * Packages come from AWS's regional buckets, which every tier reaches through the S3 gateway endpoint.
 *
 * cloud-init runs user data once: a step that fails because the network is not there yet (an SBC
 * before its Elastic IP, a NAT still starting) must not leave a host without agents. Each step is
 * retried with growing waits, a bounded number of times; a step that still fails ends the boot with
 * an error on the console and in the journal, and the host's agent-silent alarm (monitoring) tells the NOC.
 */
export function agentBootScript(region: string, agentConfigParameter: string): string {
  const bucket = (name: string) => `https://s3.${region}.amazonaws.com/${name}-${region}`;
  return [
    "#!/bin/bash",
    "set -uo pipefail",
    'PATH="$PATH:/opt/aws/amazon-cloudwatch-agent/bin"',
    `say() { logger -s -t ${BOOT_LOG_TAG} "$*"; }`,
    "# step DESCRIPTION COMMAND...: run COMMAND until it succeeds, at most the attempts below.",
    "step() {",
    '  local what="$1"; shift',
    `  for attempt in $(seq 1 ${BOOT_STEP_ATTEMPTS}); do`,
    '    if "$@"; then return 0; fi',
    `    say "$what: attempt $attempt of ${BOOT_STEP_ATTEMPTS} failed"`,
    `    [ "$attempt" -lt ${BOOT_STEP_ATTEMPTS} ] && sleep $((attempt * 10))`,
    "  done",
    '  say "BOOT FAILED: $what; the host runs without its agents"',
    "  exit 1",
    "}",
    `step "install the SSM agent" dnf install -y ${bucket("amazon-ssm")}/latest/linux_amd64/amazon-ssm-agent.rpm`,
    'step "start the SSM agent" systemctl enable --now amazon-ssm-agent',
    `step "install the CloudWatch agent" dnf install -y ${bucket("amazoncloudwatch-agent")}/redhat/amd64/latest/amazon-cloudwatch-agent.rpm`,
    `step "load the CloudWatch agent configuration" amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c ssm:${agentConfigParameter}`,
    'step "enable the CloudWatch agent" systemctl enable amazon-cloudwatch-agent',
    'say "boot complete: SSM and CloudWatch agents running"',
    "",
  ].join("\n");
}

/** The boot script, base64-encoded as launch templates require. */
export function agentUserData(region: string, agentConfigParameter: string): string {
  return Buffer.from(agentBootScript(region, agentConfigParameter), "utf8").toString("base64");
}

// The metrics the SBC software publishes, in CloudWatch embedded metric format (EMF,
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
// Kamailio writes one JSON line per record to syslog, rsyslog forwards it to the CloudWatch agent's
// EMF listener (tcp:25888), and CloudWatch extracts the metrics.
export const VOICE_EMF = {
  namespace: "CallMyWay/Voice",
  siteDimension: "Site",
  customerDimension: "Customer",
  targetDimension: "Target",
  slotDimension: "Slot",
  mos: "MOS",
  jitterMs: "JitterMs",
  packetLossPercent: "PacketLossPercent",
  latencyMs: "LatencyMs",
  callsWithoutQuality: "CallsWithoutQuality",
  probeUp: "ProbeUp",
  /** A draining SBC's calls in progress, and 1 once it is in drain mode with none left (S5). */
  activeCalls: "ActiveCalls",
  drained: "Drained",
} as const;

/**
 * The EMF record of a draining SBC's state, with dimensions site and slot; `calls` and `drained` are
 * expressions of the caller's language (a bash variable, a Kamailio variable), `timestampMs` too.
 */
export function drainStateEmf(site: string, slot: string, calls: string, drained: string, timestampMs: string): string {
  const M = VOICE_EMF;
  return (
    `{"_aws":{"Timestamp":${timestampMs},"CloudWatchMetrics":[{"Namespace":"${M.namespace}","Dimensions":[["${M.siteDimension}","${M.slotDimension}"]],` +
    `"Metrics":[{"Name":"${M.activeCalls}","Unit":"Count"},{"Name":"${M.drained}","Unit":"None"}]}]},` +
    `"event":"drain_state","${M.siteDimension}":"${site}","${M.slotDimension}":"${slot}","${M.activeCalls}":${calls},"${M.drained}":${drained}}`
  );
}

/** The CloudWatch agent's default EMF listener. */
export const EMF_AGENT_PORT = 25888;

/** The marker Kamailio puts before each EMF line, and rsyslog strips. */
export const EMF_LOG_MARKER = "VOICE_METRIC ";

/** rsyslog: Kamailio's EMF lines (facility local0) to the agent, without the marker. */
export function renderRsyslogConf(): string {
  return `# Kamailio's voice metrics (CloudWatch embedded metric format) to the CloudWatch agent.
template(name="callmywayEmf" type="string" string="%msg:R,ERE,1,DFLT:${EMF_LOG_MARKER}(.*)--end%\\n")
if $syslogfacility-text == "local0" and $msg contains "${EMF_LOG_MARKER}" then {
  action(type="omfwd" target="127.0.0.1" port="${EMF_AGENT_PORT}" protocol="tcp" template="callmywayEmf")
  stop
}
`;
}

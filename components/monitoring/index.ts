// Monitoring (S14): per-site escalation ladders, alarms on what the other parts build, dashboards.
export { AgentConfigParameter } from "./agentConfig";
export { ladderRungs } from "./alarmLadder";
export { AlertTopics } from "./alertTopics";
export { buildAlertTopics, nocTopicOf } from "./buildAlertTopics";
export type { NocTopic } from "./buildAlertTopics";
export { buildMonitoring } from "./buildMonitoring";
export { SiteMonitoring } from "./siteMonitoring";
export { siteWatches } from "./siteWatches";

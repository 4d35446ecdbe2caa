export * from "./agentConfig";
export * from "./alarmLadder";
export * from "./alertTopics";
export * from "./siteMonitoring";
export * from "./watchedMetrics";
export * from "./buildMonitoring";

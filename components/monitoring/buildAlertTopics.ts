import { NetworkConfig } from "../../config";
import { AwsSite } from "../site";
import { AlertTopics } from "./alertTopics";

/** Where an alarm of another part (pools, backups) notifies: the first escalation level (the NOC). */
export interface NocTopic {
  readonly topicArn: ReturnType<AlertTopics["level"]>;
  /** Name of the escalation level that topic belongs to (tags the alarms). */
  readonly level: string;
}

/** Every AWS site's escalation ladder, keyed by site name: monitoring owns the topics, other parts notify them. */
export function buildAlertTopics(
  levels: NetworkConfig["monitoring"]["levels"],
  sites: readonly AwsSite[],
): Record<string, AlertTopics> {
  return Object.fromEntries(
    sites.map((site) => [
      site.config.name,
      new AlertTopics(`${site.config.name}-alerts`, { levels, tags: site.network.tags }, { provider: site.provider }),
    ]),
  );
}

/** A site's NOC topic (the first level of its ladder). */
export function nocTopicOf(alerts: AlertTopics): NocTopic {
  return { topicArn: alerts.level(0), level: alerts.levelNames[0] };
}

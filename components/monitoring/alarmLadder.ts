// One watched metric becomes a ladder of alarms: the first alarm notifies its starting level, and
// for every higher level an alarm on the same metric, with a longer evaluation window, notifies it.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { Tags, Tier, tierTags } from "../tags";
import { AlertTopics } from "./alertTopics";

type Levels = NetworkConfig["monitoring"]["levels"];

/** CloudWatch refuses an alarm whose evaluation window (period x periods) is longer than a day. */
export const MAX_ALARM_WINDOW_SECONDS = 86400;

/** A metric to watch and what is wrong with it. */
export interface WatchedMetric {
  /** Short, site-unique id used in resource and alarm names (e.g. `web-memory`). */
  readonly id: string;
  /** What the alarm means for the operator on duty. */
  readonly description: string;
  /** Tier tag of the alarm (what it watches). */
  readonly tier: Tier;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, pulumi.Input<string>>;
  readonly statistic: "Average" | "Maximum" | "Minimum" | "Sum" | "SampleCount";
  readonly comparisonOperator:
    "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";
  readonly threshold: number;
  readonly periodSeconds: number;
  /** Consecutive breaching periods before the first alarm fires. */
  readonly evaluationPeriods: number;
  readonly treatMissingData: "missing" | "ignore" | "breaching" | "notBreaching";
  /** Escalation level the first alarm notifies (index into the levels); default 0. */
  readonly startLevel?: number;
}

export interface LadderContext {
  /** Prefix of alarm names, e.g. `callmyway-prod-use1`. */
  readonly alarmPrefix: string;
  /** Pulumi name prefix of the alarm resources. */
  readonly name: string;
  readonly alerts: AlertTopics;
  readonly levels: Levels;
  readonly tags: Tags;
  readonly parent: pulumi.Resource;
}

/** One rung of a ladder: which level it notifies after how long. */
export interface Rung {
  readonly level: number;
  readonly evaluationPeriods: number;
}

/**
 * The rungs of a ladder: the start level after the metric's own evaluation periods, then level k+1
 * once the condition has held for the sum of `escalateAfterMinutes` of the levels from the start
 * up to k (a condition that keeps breaching climbs one level per level's patience).
 */
export function ladderRungs(
  metric: Pick<WatchedMetric, "id" | "periodSeconds" | "evaluationPeriods" | "startLevel">,
  levels: Levels,
): Rung[] {
  const start = metric.startLevel ?? 0;
  if (start < 0 || start >= levels.length)
    throw new Error(`alarm ${metric.id}: start level ${start} is not one of the ${levels.length} levels`);
  const rungs: Rung[] = [{ level: start, evaluationPeriods: metric.evaluationPeriods }];
  let minutes = 0;
  for (let level = start + 1; level < levels.length; level++) {
    minutes += levels[level - 1].escalateAfterMinutes;
    const periods = Math.max(metric.evaluationPeriods, Math.ceil((minutes * 60) / metric.periodSeconds));
    if (periods * metric.periodSeconds > MAX_ALARM_WINDOW_SECONDS) {
      throw new Error(
        `alarm ${metric.id}: escalating to ${levels[level].name} needs a ${minutes}-minute window, but CloudWatch evaluates at most one day; ` +
          "shorten monitoring.levels[].escalateAfterMinutes",
      );
    }
    rungs.push({ level, evaluationPeriods: periods });
  }
  return rungs;
}

/** Creates the ladder's alarms; each notifies (and reports recovery to) exactly one level's topic. */
export function createAlarmLadder(metric: WatchedMetric, ctx: LadderContext): aws.cloudwatch.MetricAlarm[] {
  return ladderRungs(metric, ctx.levels).map(({ level, evaluationPeriods }, i) => {
    const levelName = ctx.levels[level].name;
    const topic = ctx.alerts.level(level);
    const alarmName = `${ctx.alarmPrefix}-${metric.id}-${levelName}`;
    return new aws.cloudwatch.MetricAlarm(
      `${ctx.name}-${metric.id}-${levelName}`,
      {
        name: alarmName,
        alarmDescription:
          i === 0
            ? metric.description
            : `${metric.description} Escalated: unresolved for ${Math.round((evaluationPeriods * metric.periodSeconds) / 60)} minutes.`,
        namespace: metric.namespace,
        metricName: metric.metricName,
        dimensions: metric.dimensions,
        statistic: metric.statistic,
        comparisonOperator: metric.comparisonOperator,
        threshold: metric.threshold,
        period: metric.periodSeconds,
        evaluationPeriods,
        datapointsToAlarm: evaluationPeriods,
        treatMissingData: metric.treatMissingData,
        alarmActions: [topic],
        okActions: [topic],
        tags: { ...tierTags(ctx.tags, metric.tier, alarmName), "escalation-level": levelName },
      },
      { parent: ctx.parent },
    );
  });
}

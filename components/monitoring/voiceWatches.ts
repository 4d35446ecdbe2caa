// The SBC software's metrics watched per site (S5, S14): probe state per target, a publisher that
// went silent, each customer's call quality against its own thresholds, and a drained slot that keeps
// calls past the drain limit.
import { NetworkConfig } from "../../config";
import { VOICE_EMF, defaultGateways, probeTarget } from "../voice";
import { WatchedMetric } from "./alarmLadder";

type Thresholds = NetworkConfig["monitoring"]["voiceQuality"];

export interface VoiceWatch {
  /** Probe targets (the Target dimension): "core" and each carrier gateway. */
  readonly probeTargets: readonly string[];
  /** Each customer with its thresholds (its own where set, the global ones otherwise). */
  readonly customers: readonly { readonly name: string; readonly thresholds: Thresholds }[];
  /** Escalation level (index) that contacts a customer whose calls' quality drops. */
  readonly contactLevel: number;
  /** Per site, the slots voice.drained lists, and how long their calls may take to end (minutes). */
  readonly drained: Readonly<Record<string, readonly number[]>>;
  readonly drainLimitMinutes: number;
}

/** What a site's monitoring watches of the SBC software, from the config. */
export function voiceWatch(config: Pick<NetworkConfig, "voice" | "carriers" | "customers" | "monitoring">): VoiceWatch {
  const levelName = config.voice.customerContactLevel;
  const contactLevel = levelName === undefined ? 0 : config.monitoring.levels.findIndex((l) => l.name === levelName);
  if (contactLevel < 0) throw new Error(`voice.customerContactLevel: "${levelName}" is not one of monitoring.levels`);
  return {
    probeTargets: [
      "core",
      ...config.carriers.flatMap((c) =>
        (c.gateways ?? defaultGateways(c.signallingCidrs)).map((g) => probeTarget(c.name, g)),
      ),
    ],
    customers: config.customers.map((c) => ({
      name: c.name,
      thresholds: { ...config.monitoring.voiceQuality, ...c.voiceQuality },
    })),
    contactLevel,
    drained: config.voice.drained,
    drainLimitMinutes: config.voice.drainLimitMinutes,
  };
}

const MINUTE = 60;
/** Probe lines arrive every probe interval; none for this long means no SBC of the site publishes. */
export const PUBLISHER_SILENT_MINUTES = 5;

const safeId = (s: string) => s.replace(/[^A-Za-z0-9-]+/g, "-");

export function voiceWatchedMetrics(site: string, v: VoiceWatch): WatchedMetric[] {
  const base = { tier: "sbc" as const, namespace: VOICE_EMF.namespace, periodSeconds: MINUTE };
  const probes = v.probeTargets.map((target): WatchedMetric => ({
    ...base,
    id: `probe-${safeId(target)}`,
    description: `${site} voice: ${target} does not answer the SBCs' OPTIONS probes: out of rotation${target === "core" ? " (no core host answers)" : ", calls go to the next carrier"}.`,
    metricName: VOICE_EMF.probeUp,
    dimensions: { [VOICE_EMF.siteDimension]: site, [VOICE_EMF.targetDimension]: target },
    // Any SBC that sees the target down counts.
    statistic: "Minimum",
    comparisonOperator: "LessThanThreshold",
    threshold: 1,
    evaluationPeriods: 2,
    // A target nobody reports on is not known to be up; the publisher alarm says why.
    treatMissingData: "breaching",
  }));
  const silent: WatchedMetric = {
    ...base,
    id: "voice-publisher-silent",
    description: `${site} voice: no probe state from any SBC for ${PUBLISHER_SILENT_MINUTES} minutes: Kamailio, rsyslog or the CloudWatch agent stopped, so the voice alarms see nothing.`,
    metricName: VOICE_EMF.probeUp,
    dimensions: { [VOICE_EMF.siteDimension]: site },
    statistic: "SampleCount",
    comparisonOperator: "LessThanThreshold",
    threshold: 1,
    evaluationPeriods: PUBLISHER_SILENT_MINUTES,
    treatMissingData: "breaching",
  };
  const perCustomer = v.customers.flatMap((c): WatchedMetric[] => {
    const q = c.thresholds;
    const metric = (
      metricName: string,
      id: string,
      comparisonOperator: WatchedMetric["comparisonOperator"],
      threshold: number,
      what: string,
    ): WatchedMetric => ({
      ...base,
      id: `voice-${c.name}-${id}`,
      description: `${site} voice: customer ${c.name}'s calls: ${what} for 5 minutes: contact the customer.`,
      metricName,
      dimensions: { [VOICE_EMF.siteDimension]: site, [VOICE_EMF.customerDimension]: c.name },
      statistic: "Average",
      comparisonOperator,
      threshold,
      evaluationPeriods: 5,
      // No calls, no samples: silence is not bad quality (the publisher alarm owns silence).
      treatMissingData: "notBreaching",
      startLevel: v.contactLevel,
    });
    return [
      metric(VOICE_EMF.mos, "mos", "LessThanThreshold", q.mosWarn, `average MOS under ${q.mosWarn}`),
      metric(VOICE_EMF.jitterMs, "jitter", "GreaterThanThreshold", q.jitterMs, `average jitter above ${q.jitterMs} ms`),
      metric(
        VOICE_EMF.packetLossPercent,
        "packet-loss",
        "GreaterThanThreshold",
        q.packetLossPercent,
        `average packet loss above ${q.packetLossPercent}%`,
      ),
      metric(
        VOICE_EMF.latencyMs,
        "latency",
        "GreaterThanThreshold",
        q.latencyMs,
        `average one-way latency above ${q.latencyMs} ms`,
      ),
    ];
  });
  return [...probes, silent, ...perCustomer, ...drainWatches(site, v)];
}

/** Minutes past the drain limit before a drained slot that still has calls alarms (the script's last poll, EMF delivery). */
export const DRAIN_ALARM_MARGIN_MINUTES = 5;

/**
 * Per drained slot: Drained (published every probe interval by the slot's Kamailio and every poll by the
 * drain script) never 1 for the drain limit plus a margin: its calls did not end, so moving it now drops
 * them. Missing data stays missing: a slot that publishes nothing is not known drained or undrained
 * (INSUFFICIENT_DATA), and the step check and this alarm's state are what the operator reads before the move.
 */
function drainWatches(site: string, v: VoiceWatch): WatchedMetric[] {
  return (v.drained[site] ?? []).map((slot) => ({
    tier: "sbc",
    namespace: VOICE_EMF.namespace,
    periodSeconds: MINUTE,
    id: `sbc-${slot}-not-drained`,
    description: `${site} voice: SBC slot ${slot} is drained by config but still has calls ${v.drainLimitMinutes + DRAIN_ALARM_MARGIN_MINUTES} minutes on (limit ${v.drainLimitMinutes}): replacing it now drops them.`,
    metricName: VOICE_EMF.drained,
    dimensions: { [VOICE_EMF.siteDimension]: site, [VOICE_EMF.slotDimension]: String(slot) },
    statistic: "Maximum",
    comparisonOperator: "LessThanThreshold",
    threshold: 1,
    evaluationPeriods: v.drainLimitMinutes + DRAIN_ALARM_MARGIN_MINUTES,
    treatMissingData: "missing",
  }));
}

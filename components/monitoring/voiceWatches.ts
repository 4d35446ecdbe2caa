// The SBC software's metrics watched per site (S5, S14): probe state per target, a publisher that
// went silent, and each customer's call quality against its own thresholds.
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
  return [...probes, silent, ...perCustomer];
}

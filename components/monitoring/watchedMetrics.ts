// What a site's monitoring watches, as data: one entry per alarm ladder.
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { AGENT_METRICS } from "./agentMetrics";
import { VOICE_EMF } from "../voice";
import { WatchedMetric } from "./alarmLadder";
import { VoiceWatch, voiceWatchedMetrics } from "./voiceWatches";

/** Namespace and dimensions of the voice metrics the SBC software publishes (components/voice). */
export const VOICE_METRICS = VOICE_EMF;

/** An Auto Scaling group of a pool. */
export interface PoolWatch {
  /** Pool tier. */
  readonly tier: "sbc" | "web" | "core";
  /** Name of the pool's Auto Scaling group (the agent's AutoScalingGroupName dimension). */
  readonly autoScalingGroupName: pulumi.Input<string>;
}

/** One SBC host (EC2 instance with its Elastic IP, outside any Auto Scaling group). */
export interface SbcWatch {
  /** Slot number of the SBC in its site (0-based). */
  readonly slot: number;
  readonly instanceId: pulumi.Input<string>;
}

/** The site's internet-facing Application Load Balancer. */
export interface AlbWatch {
  /** The ALB's `arnSuffix` (CloudWatch's LoadBalancer dimension). */
  readonly arnSuffix: pulumi.Input<string>;
  /** `arnSuffix` of each target group behind it (CloudWatch's TargetGroup dimension). */
  readonly targetGroupArnSuffixes: pulumi.Input<string>[];
}

/** One Site-to-Site VPN connection. */
export interface VpnWatch {
  /** Short name used in alarm names (e.g. the data centre's name). */
  readonly name: string;
  /** The VPN connection id (CloudWatch's VpnId dimension). */
  readonly id: pulumi.Input<string>;
  /** Outside addresses of its tunnels (`tunnel1Address`, `tunnel2Address`): one alarm per tunnel when given. */
  readonly tunnelAddresses?: pulumi.Input<string>[];
}

/** Host thresholds not in config: they are operating defaults, not promises of the document. */
export interface HostThresholds {
  /** Memory use that warns the NOC; default 90%. */
  readonly memoryPercent: number;
  /** Root file system use that warns the NOC; default 85% (time to act before logs fill it). */
  readonly diskPercent: number;
  /** ELB-generated 5xx per minute that warns; default 10. */
  readonly elb5xxPerMinute: number;
  /** Target 5xx per minute that warns; default 25. */
  readonly target5xxPerMinute: number;
  /** NAT packets dropped per minute that warns; default 100. */
  readonly natDropsPerMinute: number;
}

export const DEFAULT_HOST_THRESHOLDS: HostThresholds = {
  memoryPercent: 90,
  diskPercent: 85,
  elb5xxPerMinute: 10,
  target5xxPerMinute: 25,
  natDropsPerMinute: 100,
};

export interface WatchInputs {
  readonly site: string;
  readonly voiceQuality: NetworkConfig["monitoring"]["voiceQuality"];
  readonly pools: readonly PoolWatch[];
  readonly sbcInstances: readonly SbcWatch[];
  readonly alb?: AlbWatch;
  readonly natGatewayIds: readonly pulumi.Input<string>[];
  readonly vpnConnections: readonly VpnWatch[];
  readonly thresholds: HostThresholds;
  /** The SBC software's probes and customers; none: the site-wide voice alarms only. */
  readonly voice?: VoiceWatch;
}

const MINUTE = 60;

/** Minutes without a single agent sample before a host (or a whole pool) counts as silent: longer than a boot. */
export const AGENT_SILENT_MINUTES = 10;

function agentMetrics(
  dimension: string,
  value: pulumi.Input<string>,
  id: string,
  tier: WatchedMetric["tier"],
  what: string,
  t: HostThresholds,
): WatchedMetric[] {
  const common = {
    tier,
    namespace: AGENT_METRICS.namespace,
    dimensions: { [dimension]: value },
    // The fullest host matters, not the average: one host out of memory drops its calls.
    statistic: "Maximum" as const,
    comparisonOperator: "GreaterThanThreshold" as const,
    periodSeconds: MINUTE,
    evaluationPeriods: 5,
    // No data says nothing about memory or disk; the agent-silent alarm below owns silence.
    treatMissingData: "missing" as const,
  };
  return [
    {
      ...common,
      id: `${id}-memory`,
      metricName: AGENT_METRICS.memoryUsedPercent,
      threshold: t.memoryPercent,
      description: `${what}: memory use above ${t.memoryPercent}% for 5 minutes.`,
    },
    {
      ...common,
      id: `${id}-disk`,
      metricName: AGENT_METRICS.diskUsedPercent,
      threshold: t.diskPercent,
      description: `${what}: root file system above ${t.diskPercent}% for 5 minutes.`,
    },
    {
      ...common,
      id: `${id}-agent-silent`,
      metricName: AGENT_METRICS.memoryUsedPercent,
      // The agent sends one sample a minute per host: none for 10 minutes means no agent is running
      // (a boot that failed, an agent that stopped). Missing data is the condition itself, so it breaches.
      statistic: "SampleCount",
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      evaluationPeriods: AGENT_SILENT_MINUTES,
      treatMissingData: "breaching",
      description: `${what}: no CloudWatch agent data for ${AGENT_SILENT_MINUTES} minutes: the boot failed or the agent stopped (see the console output).`,
    },
  ];
}

/** Every alarm ladder of one site, in a stable order. */
export function watchedMetrics(w: WatchInputs): WatchedMetric[] {
  const t = w.thresholds;
  const pools = w.pools.flatMap((p) =>
    agentMetrics(AGENT_METRICS.groupDimension, p.autoScalingGroupName, p.tier, p.tier, `${w.site} ${p.tier} pool`, t),
  );

  const sbcs = w.sbcInstances.flatMap((s): WatchedMetric[] => [
    ...agentMetrics("InstanceId", s.instanceId, `sbc-${s.slot}`, "sbc", `${w.site} SBC ${s.slot}`, t),
    {
      id: `sbc-${s.slot}-instance-check`,
      description: `${w.site} SBC ${s.slot}: the instance status check fails (operating system or software); auto-recover does not fix this, a person must.`,
      tier: "sbc",
      namespace: "AWS/EC2",
      metricName: "StatusCheckFailed_Instance",
      dimensions: { InstanceId: s.instanceId },
      statistic: "Maximum",
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
      periodSeconds: MINUTE,
      evaluationPeriods: 2,
      treatMissingData: "breaching",
    },
  ]);

  const alb = w.alb;
  const albMetrics: WatchedMetric[] = alb
    ? [
        ...alb.targetGroupArnSuffixes.map((tg, i): WatchedMetric => ({
          id: `alb-tg${i}-unhealthy`,
          description: `${w.site} web: the load balancer sees unhealthy hosts in target group ${i} for 3 minutes.`,
          tier: "web",
          namespace: "AWS/ApplicationELB",
          metricName: "UnHealthyHostCount",
          dimensions: { LoadBalancer: alb.arnSuffix, TargetGroup: tg },
          statistic: "Maximum",
          comparisonOperator: "GreaterThanThreshold",
          threshold: 0,
          periodSeconds: MINUTE,
          evaluationPeriods: 3,
          treatMissingData: "notBreaching",
        })),
        {
          id: "alb-elb-5xx",
          description: `${w.site} web: the load balancer itself answers 5xx (more than ${t.elb5xxPerMinute}/min for 5 minutes): no healthy target or overload.`,
          tier: "web",
          namespace: "AWS/ApplicationELB",
          metricName: "HTTPCode_ELB_5XX_Count",
          dimensions: { LoadBalancer: alb.arnSuffix },
          statistic: "Sum",
          comparisonOperator: "GreaterThanThreshold",
          threshold: t.elb5xxPerMinute,
          periodSeconds: MINUTE,
          evaluationPeriods: 5,
          treatMissingData: "notBreaching",
        },
        {
          id: "alb-target-5xx",
          description: `${w.site} web: the web hosts answer 5xx (more than ${t.target5xxPerMinute}/min for 5 minutes).`,
          tier: "web",
          namespace: "AWS/ApplicationELB",
          metricName: "HTTPCode_Target_5XX_Count",
          dimensions: { LoadBalancer: alb.arnSuffix },
          statistic: "Sum",
          comparisonOperator: "GreaterThanThreshold",
          threshold: t.target5xxPerMinute,
          periodSeconds: MINUTE,
          evaluationPeriods: 5,
          treatMissingData: "notBreaching",
        },
      ]
    : [];

  const nat = w.natGatewayIds.flatMap((id, i): WatchedMetric[] => [
    {
      id: `nat-${i}-port-allocation`,
      description: `${w.site} NAT ${i}: source ports exhausted (ErrorPortAllocation), private hosts cannot open connections.`,
      tier: "network",
      namespace: "AWS/NATGateway",
      metricName: "ErrorPortAllocation",
      dimensions: { NatGatewayId: id },
      statistic: "Sum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      periodSeconds: MINUTE,
      evaluationPeriods: 3,
      treatMissingData: "notBreaching",
    },
    {
      id: `nat-${i}-packets-dropped`,
      description: `${w.site} NAT ${i}: more than ${t.natDropsPerMinute} packets dropped per minute for 5 minutes.`,
      tier: "network",
      namespace: "AWS/NATGateway",
      metricName: "PacketsDropCount",
      dimensions: { NatGatewayId: id },
      statistic: "Sum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: t.natDropsPerMinute,
      periodSeconds: MINUTE,
      evaluationPeriods: 5,
      treatMissingData: "notBreaching",
    },
  ]);

  // AWS publishes TunnelState every 5 minutes: 1 up, 0 down; per connection it is the share of tunnels up.
  const vpn = w.vpnConnections.flatMap((v): WatchedMetric[] => {
    const tunnelState = {
      tier: "network" as const,
      namespace: "AWS/VPN",
      metricName: "TunnelState",
      periodSeconds: 5 * MINUTE,
      treatMissingData: "breaching" as const,
    };
    return [
      ...(v.tunnelAddresses ?? []).map((address, i): WatchedMetric => ({
        ...tunnelState,
        id: `vpn-${v.name}-tunnel${i + 1}`,
        description: `${w.site} VPN ${v.name}: tunnel ${i + 1} down for 10 minutes (the link runs without redundancy).`,
        dimensions: { VpnId: v.id, TunnelIpAddress: address },
        statistic: "Minimum",
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        evaluationPeriods: 2,
      })),
      {
        ...tunnelState,
        id: `vpn-${v.name}-down`,
        description: `${w.site} VPN ${v.name}: every tunnel down for 10 minutes; the data centre is cut off from this site.`,
        dimensions: { VpnId: v.id },
        statistic: "Maximum",
        comparisonOperator: "LessThanOrEqualToThreshold",
        threshold: 0,
        evaluationPeriods: 2,
        // A whole link down is not a warning: it starts at the second level.
        startLevel: 1,
      },
    ];
  });

  const q = w.voiceQuality;
  const voice = (
    metricName: string,
    id: string,
    statistic: WatchedMetric["statistic"],
    comparisonOperator: WatchedMetric["comparisonOperator"],
    threshold: number,
    description: string,
    startLevel = 0,
  ): WatchedMetric => ({
    id,
    description: `${w.site} voice: ${description}`,
    tier: "sbc",
    namespace: VOICE_METRICS.namespace,
    metricName,
    dimensions: { [VOICE_METRICS.siteDimension]: w.site },
    statistic,
    comparisonOperator,
    threshold,
    periodSeconds: MINUTE,
    evaluationPeriods: 5,
    // No calls, no samples: silence is not bad quality.
    treatMissingData: "notBreaching",
    startLevel,
  });
  const voiceMetrics = [
    voice(
      VOICE_METRICS.mos,
      "voice-mos-warn",
      "Average",
      "LessThanThreshold",
      q.mosWarn,
      `average MOS under ${q.mosWarn} for 5 minutes.`,
    ),
    voice(
      VOICE_METRICS.mos,
      "voice-mos-critical",
      "Average",
      "LessThanThreshold",
      q.mosCritical,
      `average MOS under ${q.mosCritical} for 5 minutes: calls are barely usable.`,
      1,
    ),
    voice(
      VOICE_METRICS.jitterMs,
      "voice-jitter",
      "Average",
      "GreaterThanThreshold",
      q.jitterMs,
      `average jitter above ${q.jitterMs} ms for 5 minutes.`,
    ),
    voice(
      VOICE_METRICS.packetLossPercent,
      "voice-packet-loss",
      "Average",
      "GreaterThanThreshold",
      q.packetLossPercent,
      `average packet loss above ${q.packetLossPercent}% for 5 minutes.`,
    ),
    voice(
      VOICE_METRICS.latencyMs,
      "voice-latency",
      "Average",
      "GreaterThanThreshold",
      q.latencyMs,
      `average one-way latency above ${q.latencyMs} ms for 5 minutes.`,
    ),
  ];

  return [
    ...pools,
    ...sbcs,
    ...albMetrics,
    ...nat,
    ...vpn,
    ...voiceMetrics,
    ...(w.voice ? voiceWatchedMetrics(w.site, w.voice) : []),
  ];
}

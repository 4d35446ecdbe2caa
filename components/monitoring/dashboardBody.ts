// The body of a site's CloudWatch dashboard: links, servers, web entry and voice quality.
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { AGENT_METRICS } from "./agentMetrics";
import { VOICE_METRICS, WatchInputs } from "./watchedMetrics";

type MetricLine = pulumi.Input<string>[];

interface Widget {
  readonly title: string;
  readonly metrics: MetricLine[];
  readonly stat: string;
  readonly period: number;
  readonly threshold?: { label: string; value: number }[];
}

const WIDTH = 12;
const HEIGHT = 6;

function voiceWidgets(site: string, q: NetworkConfig["monitoring"]["voiceQuality"]): Widget[] {
  const line = (metric: string): MetricLine => [VOICE_METRICS.namespace, metric, VOICE_METRICS.siteDimension, site];
  return [
    {
      title: "Voice: MOS",
      metrics: [line(VOICE_METRICS.mos)],
      stat: "Average",
      period: 60,
      threshold: [
        { label: "warn", value: q.mosWarn },
        { label: "critical", value: q.mosCritical },
      ],
    },
    {
      title: "Voice: jitter (ms)",
      metrics: [line(VOICE_METRICS.jitterMs)],
      stat: "Average",
      period: 60,
      threshold: [{ label: "alarm", value: q.jitterMs }],
    },
    {
      title: "Voice: packet loss (%)",
      metrics: [line(VOICE_METRICS.packetLossPercent)],
      stat: "Average",
      period: 60,
      threshold: [{ label: "alarm", value: q.packetLossPercent }],
    },
    {
      title: "Voice: latency (ms)",
      metrics: [line(VOICE_METRICS.latencyMs)],
      stat: "Average",
      period: 60,
      threshold: [{ label: "alarm", value: q.latencyMs }],
    },
  ];
}

function widgets(w: WatchInputs): Widget[] {
  const links: Widget[] = [
    ...(w.vpnConnections.length > 0
      ? [
          {
            title: "Links: VPN tunnel state (1 up)",
            metrics: w.vpnConnections.map((v) => ["AWS/VPN", "TunnelState", "VpnId", v.id]),
            stat: "Minimum",
            period: 300,
          },
        ]
      : []),
    ...(w.natGatewayIds.length > 0
      ? [
          {
            title: "Links: NAT bytes out",
            metrics: w.natGatewayIds.map((id) => ["AWS/NATGateway", "BytesOutToDestination", "NatGatewayId", id]),
            stat: "Sum",
            period: 60,
          },
          {
            title: "Links: NAT errors and drops",
            metrics: w.natGatewayIds.flatMap((id) => [
              ["AWS/NATGateway", "ErrorPortAllocation", "NatGatewayId", id],
              ["AWS/NATGateway", "PacketsDropCount", "NatGatewayId", id],
            ]),
            stat: "Sum",
            period: 60,
          },
        ]
      : []),
  ];
  const servers: Widget[] = [
    ...(w.pools.length > 0
      ? [
          {
            title: "Servers: CPU per pool (%)",
            metrics: w.pools.map((p) => ["AWS/EC2", "CPUUtilization", "AutoScalingGroupName", p.autoScalingGroupName]),
            stat: "Average",
            period: 60,
          },
          {
            title: "Servers: memory per pool (max %)",
            metrics: w.pools.map((p) => [
              AGENT_METRICS.namespace,
              AGENT_METRICS.memoryUsedPercent,
              AGENT_METRICS.groupDimension,
              p.autoScalingGroupName,
            ]),
            stat: "Maximum",
            period: 60,
          },
          {
            title: "Servers: disk per pool (max %)",
            metrics: w.pools.map((p) => [
              AGENT_METRICS.namespace,
              AGENT_METRICS.diskUsedPercent,
              AGENT_METRICS.groupDimension,
              p.autoScalingGroupName,
            ]),
            stat: "Maximum",
            period: 60,
          },
        ]
      : []),
    ...(w.sbcInstances.length > 0
      ? [
          {
            title: "Servers: SBC CPU (%)",
            metrics: w.sbcInstances.map((s) => ["AWS/EC2", "CPUUtilization", "InstanceId", s.instanceId]),
            stat: "Average",
            period: 60,
          },
        ]
      : []),
  ];
  const alb = w.alb;
  const web: Widget[] = alb
    ? [
        {
          title: "Web: unhealthy hosts",
          metrics: alb.targetGroupArnSuffixes.map((tg) => [
            "AWS/ApplicationELB",
            "UnHealthyHostCount",
            "LoadBalancer",
            alb.arnSuffix,
            "TargetGroup",
            tg,
          ]),
          stat: "Maximum",
          period: 60,
        },
        {
          title: "Web: 5xx per minute",
          metrics: [
            ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", alb.arnSuffix],
            ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", alb.arnSuffix],
          ],
          stat: "Sum",
          period: 60,
        },
      ]
    : [];
  return [...links, ...servers, ...web, ...voiceWidgets(w.site, w.voiceQuality)];
}

/** The dashboard JSON, resolved once every watched id and name is known. */
export function dashboardBody(w: WatchInputs, region: string): pulumi.Output<string> {
  const list = widgets(w);
  return pulumi.output(list.map((x) => x.metrics)).apply((resolved) =>
    JSON.stringify({
      widgets: list.map((x, i) => ({
        type: "metric",
        x: (i % 2) * WIDTH,
        y: Math.floor(i / 2) * HEIGHT,
        width: WIDTH,
        height: HEIGHT,
        properties: {
          title: x.title,
          region,
          view: "timeSeries",
          stat: x.stat,
          period: x.period,
          metrics: resolved[i],
          ...(x.threshold ? { annotations: { horizontal: x.threshold } } : {}),
        },
      })),
    }),
  );
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { Tags } from "../tags";
import { createAlarmLadder } from "./alarmLadder";
import { AlertTopics } from "./alertTopics";
import { dashboardBody } from "./dashboardBody";
import { VoiceWatch } from "./voiceWatches";
import {
  AlbWatch,
  DEFAULT_HOST_THRESHOLDS,
  HostThresholds,
  PoolWatch,
  SbcWatch,
  VpnWatch,
  WatchInputs,
  watchedMetrics,
} from "./watchedMetrics";

export interface SiteMonitoringArgs {
  /** Site name (the voice metrics' Site dimension, alarm names). */
  readonly site: string;
  /** The site's region (dashboard widgets name it). */
  readonly region: string;
  /** Environment name, for alarm and dashboard names. */
  readonly environment: string;
  /** The site's tags. */
  readonly tags: Tags;
  /** The site's escalation ladder; alarms notify its topics. */
  readonly alerts: AlertTopics;
  /** Escalation levels and voice-quality thresholds (config `monitoring`). */
  readonly monitoring: NetworkConfig["monitoring"];
  /** Pool Auto Scaling groups: memory and disk alarms per group; default none. */
  readonly pools?: readonly PoolWatch[];
  /** SBC hosts: instance status check, memory and disk per host; default none. */
  readonly sbcInstances?: readonly SbcWatch[];
  /** The site's ALB: unhealthy hosts and 5xx; default none. */
  readonly alb?: AlbWatch;
  /** NAT gateways: port allocation errors and dropped packets; default none. */
  readonly natGatewayIds?: readonly pulumi.Input<string>[];
  /** VPN connections ending at this site: TunnelState per tunnel and per connection; default none. */
  readonly vpnConnections?: readonly VpnWatch[];
  /** The SBC software's probe targets and customers; default none (site-wide voice alarms only). */
  readonly voice?: VoiceWatch;
  /** Host thresholds; default DEFAULT_HOST_THRESHOLDS. */
  readonly thresholds?: Partial<HostThresholds>;
}

/**
 * A site's alarms, each a ladder over the escalation levels, and its dashboard. It takes what it
 * watches as inputs, so pools, load balancers and VPNs can be built anywhere.
 */
export class SiteMonitoring extends pulumi.ComponentResource {
  readonly alarms: aws.cloudwatch.MetricAlarm[];
  readonly dashboard: aws.cloudwatch.Dashboard;

  constructor(name: string, args: SiteMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:monitoring:SiteMonitoring", name, {}, opts);
    const expected = args.monitoring.levels.map((l) => l.name).join(", ");
    if (args.alerts.levelNames.join(", ") !== expected) {
      throw new Error(
        `${name}: the alert topics (${args.alerts.levelNames.join(", ")}) are not the configured monitoring.levels (${expected})`,
      );
    }
    const inputs: WatchInputs = {
      site: args.site,
      voiceQuality: args.monitoring.voiceQuality,
      pools: args.pools ?? [],
      sbcInstances: args.sbcInstances ?? [],
      alb: args.alb,
      natGatewayIds: args.natGatewayIds ?? [],
      vpnConnections: args.vpnConnections ?? [],
      thresholds: { ...DEFAULT_HOST_THRESHOLDS, ...args.thresholds },
      voice: args.voice,
    };
    const prefix = `callmyway-${args.environment}-${args.site}`;
    const metrics = watchedMetrics(inputs);
    const duplicate = metrics.find((m, i) => metrics.findIndex((o) => o.id === m.id) !== i);
    if (duplicate)
      throw new Error(
        `${name}: two watched metrics share the id ${duplicate.id} (pool tiers, SBC slots and VPN names must be unique)`,
      );

    this.alarms = metrics.flatMap((metric) =>
      createAlarmLadder(metric, {
        alarmPrefix: prefix,
        name,
        alerts: args.alerts,
        levels: args.monitoring.levels,
        tags: args.tags,
        parent: this,
      }),
    );
    this.dashboard = new aws.cloudwatch.Dashboard(
      `${name}-dashboard`,
      {
        dashboardName: prefix,
        dashboardBody: dashboardBody(inputs, args.region),
      },
      { parent: this },
    );
    this.registerOutputs({ dashboardName: prefix, alarmCount: this.alarms.length });
  }
}

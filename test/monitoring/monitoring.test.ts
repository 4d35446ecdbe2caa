import * as aws from "@pulumi/aws";
import { AGENT_METRICS, agentConfigParameterName } from "../../components/monitoring/agentMetrics";
import { AgentConfigParameter, AlertTopics, SiteMonitoring, ladderRungs } from "../../components/monitoring";
import { siteTags } from "../../components/tags";
import { PlanResource } from "../../tools/plan/capture";
import { stackConfig } from "../harness/config";
import { Run, runComponent, runStack } from "../harness/program";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "aws:sns/topic:Topic";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
const KEY = "aws:kms/key:Key";
const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
const PARAMETER = "aws:ssm/parameter:Parameter";

const config = stackConfig("prod");
const levels = config.monitoring.levels; // noc-l1 15 min, noc-l2 30 min, soc 60 min
const q = config.monitoring.voiceQuality;

// What the pools and interconnect hand over, shaped like the real outputs.
const POOLS = [
  { tier: "sbc" as const, autoScalingGroupName: "callmyway-prod-use1-sbc" },
  { tier: "web" as const, autoScalingGroupName: "callmyway-prod-use1-web" },
  { tier: "core" as const, autoScalingGroupName: "callmyway-prod-use1-core" },
];
const SBCS = [0, 1, 2].map((slot) => ({ slot, instanceId: `i-0${slot}1234567890abcdef` }));
const ALB = {
  arnSuffix: "app/use1-web/50dc6c495c0c9188",
  targetGroupArnSuffixes: ["targetgroup/use1-web/73e2d6bc24d8a067"],
};
const NATS = ["nat-0a1b2c3d4e5f60001", "nat-0a1b2c3d4e5f60002"];
const VPNS = [{ name: "mia-dc", id: "vpn-0fe1d2c3b4a596870", tunnelAddresses: ["52.1.10.20", "54.2.30.40"] }];

const tag = (r: PlanResource, key: string) => (r.inputs.tags as Record<string, string>)[key];
const windowMinutes = (a: PlanResource) => ((a.inputs.period as number) * (a.inputs.evaluationPeriods as number)) / 60;

describe("a site's monitoring with every input", () => {
  let run: Run;
  beforeAll(async () => {
    run = await runComponent(() => {
      const provider = new aws.Provider("use1-aws", { region: "us-east-1" });
      const tags = siteTags("prod", "use1");
      const alerts = new AlertTopics("use1-alerts", { levels, tags }, { provider });
      new SiteMonitoring(
        "use1-monitoring",
        {
          site: "use1",
          region: "us-east-1",
          environment: "prod",
          tags,
          alerts,
          monitoring: config.monitoring,
          pools: POOLS,
          sbcInstances: SBCS,
          alb: ALB,
          natGatewayIds: NATS,
          vpnConnections: VPNS,
        },
        { provider },
      );
      new AgentConfigParameter("use1-agent-config", { environment: "prod", site: "use1", tags }, { provider });
    });
  });

  const alarms = () => run.ofType(ALARM);
  const topicOfLevel = (i: number) => run.named(TOPIC, `use1-alerts-${levels[i].name}`);
  /** Alarms on one metric and dimension value, by level index (the agent-silent ones, on sample counts, apart). */
  const ladder = (metricName: string, dimension: string, value: string, statistic?: "SampleCount") =>
    alarms()
      .filter(
        (a) =>
          a.inputs.metricName === metricName && (a.inputs.dimensions as Record<string, string>)[dimension] === value,
      )
      .filter((a) => (a.inputs.statistic === "SampleCount") === (statistic === "SampleCount"))
      .sort(
        (a, b) =>
          levels.findIndex((l) => l.name === tag(a, "escalation-level")) -
          levels.findIndex((l) => l.name === tag(b, "escalation-level")),
      );

  it("points every alarm, for alarm and recovery, at exactly the topic of the level it is tagged with", () => {
    expect(alarms().length).toBeGreaterThan(0);
    alarms().forEach((a) => {
      const level = levels.findIndex((l) => l.name === tag(a, "escalation-level"));
      expect(level).toBeGreaterThanOrEqual(0);
      const topic = topicOfLevel(level);
      expect(a.propertyDependencies.alarmActions).toEqual([topic.urn]);
      expect(a.propertyDependencies.okActions).toEqual([topic.urn]);
      expect(a.inputs.alarmActions as string[]).toHaveLength(1);
    });
  });

  it("escalates a sustained condition one level per level's patience (15 min to noc-l2, 15 + 30 min to soc)", () => {
    const memory = ladder(AGENT_METRICS.memoryUsedPercent, AGENT_METRICS.groupDimension, "callmyway-prod-use1-web");
    expect(memory.map((a) => tag(a, "escalation-level"))).toEqual(["noc-l1", "noc-l2", "soc"]);
    expect(memory.map(windowMinutes)).toEqual([5, 15, 45]);
    memory.forEach((a) => expect(a.inputs.datapointsToAlarm).toBe(a.inputs.evaluationPeriods));
  });

  it("watches memory and root disk of every pool group and every SBC from the CloudWatch agent", () => {
    POOLS.forEach((p) => {
      [AGENT_METRICS.memoryUsedPercent, AGENT_METRICS.diskUsedPercent].forEach((metric) => {
        const [first] = ladder(metric, AGENT_METRICS.groupDimension, p.autoScalingGroupName);
        expect(first.inputs).toMatchObject({
          namespace: AGENT_METRICS.namespace,
          statistic: "Maximum",
          comparisonOperator: "GreaterThanThreshold",
        });
        expect(tag(first, "escalation-level")).toBe("noc-l1");
      });
    });
    SBCS.forEach((s) =>
      expect(ladder(AGENT_METRICS.memoryUsedPercent, "InstanceId", s.instanceId)).toHaveLength(levels.length),
    );
  });

  it("tells the NOC when a host's or a whole pool's agent sends nothing for 10 minutes, missing data breaching", () => {
    const silent = (dimension: string, value: string) =>
      ladder(AGENT_METRICS.memoryUsedPercent, dimension, value, "SampleCount");
    [
      ...SBCS.map((s) => silent("InstanceId", s.instanceId)),
      ...POOLS.map((p) => silent(AGENT_METRICS.groupDimension, p.autoScalingGroupName)),
    ].forEach((rungs) => {
      expect(rungs.map((a) => tag(a, "escalation-level"))).toEqual(["noc-l1", "noc-l2", "soc"]);
      expect(rungs[0].inputs).toMatchObject({
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        treatMissingData: "breaching",
        period: 60,
      });
      expect(windowMinutes(rungs[0])).toBe(10);
    });
    // The threshold alarms say nothing about silence: their missing data stays missing.
    const memory = ladder(AGENT_METRICS.memoryUsedPercent, "InstanceId", SBCS[0].instanceId);
    expect(memory).toHaveLength(levels.length);
    memory.forEach((a) => expect(a.inputs.treatMissingData).toBe("missing"));
  });

  it("sends a failed SBC instance status check to the first level", () => {
    SBCS.forEach((s) => {
      const [first] = ladder("StatusCheckFailed_Instance", "InstanceId", s.instanceId);
      expect(first.inputs).toMatchObject({
        namespace: "AWS/EC2",
        threshold: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
      });
      expect(tag(first, "escalation-level")).toBe("noc-l1");
    });
  });

  it("watches the ALB's unhealthy hosts per target group and both kinds of 5xx", () => {
    const [unhealthy] = ladder("UnHealthyHostCount", "TargetGroup", ALB.targetGroupArnSuffixes[0]);
    expect(unhealthy.inputs.dimensions).toEqual({
      LoadBalancer: ALB.arnSuffix,
      TargetGroup: ALB.targetGroupArnSuffixes[0],
    });
    expect(ladder("HTTPCode_ELB_5XX_Count", "LoadBalancer", ALB.arnSuffix)).toHaveLength(levels.length);
    expect(ladder("HTTPCode_Target_5XX_Count", "LoadBalancer", ALB.arnSuffix)).toHaveLength(levels.length);
  });

  it("watches port allocation errors and dropped packets of every NAT gateway", () => {
    NATS.forEach((id) => {
      expect(ladder("ErrorPortAllocation", "NatGatewayId", id)).toHaveLength(levels.length);
      expect(ladder("PacketsDropCount", "NatGatewayId", id)).toHaveLength(levels.length);
    });
  });

  it("watches TunnelState per tunnel (first level) and per connection (a whole link down starts at the second)", () => {
    const vpn = VPNS[0];
    vpn.tunnelAddresses.forEach((address) => {
      const tunnel = ladder("TunnelState", "TunnelIpAddress", address);
      expect(tunnel.map((a) => tag(a, "escalation-level"))).toEqual(["noc-l1", "noc-l2", "soc"]);
      expect(tunnel[0].inputs.dimensions).toEqual({ VpnId: vpn.id, TunnelIpAddress: address });
    });
    const link = alarms().filter(
      (a) => a.inputs.metricName === "TunnelState" && Object.keys(a.inputs.dimensions as object).length === 1,
    );
    expect(link.map((a) => tag(a, "escalation-level")).sort()).toEqual(["noc-l2", "soc"]);
    // noc-l2 after 10 minutes (two 5-minute periods), soc once noc-l2's 30 minutes have passed.
    expect(link.map(windowMinutes).sort((a, b) => a - b)).toEqual([10, 30]);
  });

  it("warns the first level under the warning MOS and the second under the critical MOS; jitter, loss and latency warn the first", () => {
    const voice = alarms().filter((a) => a.inputs.namespace === "CallMyWay/Voice");
    voice.forEach((a) => expect(a.inputs.dimensions).toEqual({ Site: "use1" }));
    const first = (metric: string, threshold: number) =>
      voice
        .filter((a) => a.inputs.metricName === metric && a.inputs.threshold === threshold)
        .map((a) => tag(a, "escalation-level"));
    expect(first("MOS", q.mosWarn)).toEqual(["noc-l1", "noc-l2", "soc"]);
    expect(first("MOS", q.mosCritical)).toEqual(["noc-l2", "soc"]);
    expect(first("JitterMs", q.jitterMs)[0]).toBe("noc-l1");
    expect(first("PacketLossPercent", q.packetLossPercent)[0]).toBe("noc-l1");
    expect(first("LatencyMs", q.latencyMs)[0]).toBe("noc-l1");
    voice
      .filter((a) => a.inputs.metricName === "MOS")
      .forEach((a) => expect(a.inputs.comparisonOperator).toBe("LessThanThreshold"));
  });

  it("encrypts the topics with a key CloudWatch, AWS Backup and EventBridge may use, and lets them publish", () => {
    const key = run.named(KEY, "use1-alerts-key");
    const services = (JSON.parse(key.inputs.policy as string).Statement as Record<string, any>[]).find(
      (s) => s.Sid === "ServicesPublishToEncryptedTopics",
    )!;
    expect(services.Principal.Service).toEqual(
      expect.arrayContaining(["cloudwatch.amazonaws.com", "backup.amazonaws.com", "events.amazonaws.com"]),
    );
    levels.forEach((_, i) => expect(topicOfLevel(i).propertyDependencies.kmsMasterKeyId).toEqual([key.urn]));
    run.ofType(TOPIC_POLICY).forEach((p) => {
      const publish = (JSON.parse(p.inputs.policy as string).Statement as Record<string, any>[]).find(
        (s) => s.Sid === "ServicesPublish",
      )!;
      expect(publish.Principal.Service).toContain("cloudwatch.amazonaws.com");
      expect(publish.Condition).toEqual({ StringEquals: { "aws:SourceAccount": "123456789012" } });
    });
    expect(run.ofType(TOPIC_POLICY)).toHaveLength(levels.length);
  });

  it("draws a dashboard with links, servers and voice quality", () => {
    const dashboard = run.named(DASHBOARD, "use1-monitoring-dashboard");
    expect(dashboard.inputs.dashboardName).toBe("callmyway-prod-use1");
    const body = JSON.parse(dashboard.inputs.dashboardBody as string);
    const titles = body.widgets.map((w: any) => w.properties.title as string);
    expect(titles).toEqual(
      expect.arrayContaining([
        "Links: VPN tunnel state (1 up)",
        "Links: NAT errors and drops",
        "Servers: memory per pool (max %)",
        "Voice: MOS",
        "Voice: jitter (ms)",
        "Voice: packet loss (%)",
        "Voice: latency (ms)",
      ]),
    );
    const memory = body.widgets.find((w: any) => w.properties.title === "Servers: memory per pool (max %)");
    expect(memory.properties.metrics).toEqual(
      POOLS.map((p) => ["CWAgent", "mem_used_percent", "AutoScalingGroupName", p.autoScalingGroupName]),
    );
    body.widgets.forEach((w: any) => expect(w.properties.region).toBe("us-east-1"));
  });

  it("stores the agent configuration (memory, root disk, per group and per instance) where the launch templates look", () => {
    const parameter = run.ofType(PARAMETER)[0];
    expect(parameter.inputs.name).toBe(agentConfigParameterName("prod", "use1"));
    const agent = JSON.parse(parameter.inputs.insecureValue as string);
    expect(agent.metrics.namespace).toBe(AGENT_METRICS.namespace);
    expect(agent.metrics.metrics_collected.mem.measurement).toEqual(["used_percent"]);
    expect(agent.metrics.metrics_collected.disk).toMatchObject({ measurement: ["used_percent"], resources: ["/"] });
    expect(agent.metrics.append_dimensions.AutoScalingGroupName).toBe("${aws:AutoScalingGroupName}");
    expect(agent.metrics.aggregation_dimensions).toEqual([["AutoScalingGroupName"], ["InstanceId"]]);
  });
});

describe("escalation windows", () => {
  const metric = { id: "x", periodSeconds: 60, evaluationPeriods: 5 };
  it("never escalates before the first alarm could fire", () => {
    const quick = [
      { name: "a", emails: ["a@x.io"], escalateAfterMinutes: 1 },
      { name: "b", emails: ["b@x.io"], escalateAfterMinutes: 1 },
    ];
    expect(ladderRungs(metric, quick)).toEqual([
      { level: 0, evaluationPeriods: 5 },
      { level: 1, evaluationPeriods: 5 },
    ]);
  });
  it("refuses a window longer than the day CloudWatch can evaluate, naming the config key", () => {
    const slow = [
      { name: "a", emails: ["a@x.io"], escalateAfterMinutes: 1000 },
      { name: "b", emails: ["b@x.io"], escalateAfterMinutes: 1000 },
      { name: "c", emails: ["c@x.io"], escalateAfterMinutes: 5 },
    ];
    expect(() => ladderRungs(metric, slow)).toThrow(/monitoring.levels\[\].escalateAfterMinutes/);
  });
});

describe("monitoring in the prod stack", () => {
  let run: Run;
  beforeAll(async () => {
    run = await runStack("prod");
  });

  it("wires every alarm to a topic of its own site and of the level it is tagged with", () => {
    const alarms = run.ofType(ALARM);
    expect(alarms.length).toBeGreaterThan(0);
    alarms.forEach((a) => {
      const [topicUrn] = a.propertyDependencies.alarmActions;
      const topic = run.resources.find((r) => r.urn === topicUrn)!;
      expect(topic.type).toBe(TOPIC);
      expect(tag(topic, "site")).toBe(tag(a, "site"));
      expect(tag(topic, "escalation-level")).toBe(tag(a, "escalation-level"));
      expect(topic.provider).toBe(a.provider);
    });
  });

  it("watches every NAT gateway and the voice quality of every AWS site, with a dashboard and agent configuration each", () => {
    const sites = config.sites.flatMap((s) => (s.kind === "aws" ? [s.name] : []));
    const nats = run.ofType("aws:ec2/natGateway:NatGateway");
    const watchedNats = run
      .ofType(ALARM)
      .filter((a) => a.inputs.metricName === "ErrorPortAllocation" && tag(a, "escalation-level") === "noc-l1");
    expect(watchedNats).toHaveLength(nats.length);
    sites.forEach((site) => {
      expect(
        run
          .ofType(ALARM)
          .filter(
            (a) =>
              a.inputs.namespace === "CallMyWay/Voice" && (a.inputs.dimensions as Record<string, string>).Site === site,
          ).length,
      ).toBeGreaterThan(0);
      expect(run.named(DASHBOARD, `${site}-monitoring-dashboard`).inputs.dashboardName).toBe(`callmyway-prod-${site}`);
      expect(run.named(PARAMETER, `${site}-agent-config`).inputs.name).toBe(agentConfigParameterName("prod", site));
    });
  });
});

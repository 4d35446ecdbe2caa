// The `voice` config, the trunk table's consumer and the voice alarms, without running any SIP software.
import { buildTrunkTable } from "../../lib/model";
import { defaultGateways, routesFromTrunkTable, sbcVoiceInput } from "../../components/voice";
import { DRAIN_ALARM_MARGIN_MINUTES, voiceWatch, voiceWatchedMetrics } from "../../components/monitoring/voiceWatches";
import { issuesOf, rawStackConfig, stackConfig } from "../harness/config";

describe("voice config", () => {
  it("both stacks pin exact SBC versions and a contact level", () => {
    for (const stack of ["prod", "staging"] as const) {
      const { voice } = stackConfig(stack);
      expect(voice.packages).toEqual({ kamailio: "5.6.3", rtpengine: "10.5.3.5" });
      expect(voice.setupTimeoutSeconds).toBeLessThanOrEqual(10);
    }
  });

  it.each([["latest"], ["5.6.*"], [">=5.6.3"], ["5.6.3-2"]])("refuses the version %s", (version) => {
    const raw = rawStackConfig("prod");
    raw.voice.packages.kamailio = version;
    const expected = [
      '- callmyway-network:voice.packages.kamailio: expected an exact version such as 5.6.3 (never "latest" or a range)',
    ];
    expect(issuesOf(raw)).toEqual(expected);
  });

  it("refuses an unknown contact level, a rollout slot that does not exist, and a gateway outside its carrier", () => {
    const raw = rawStackConfig("prod");
    raw.voice.customerContactLevel = "sales";
    raw.voice.rollout = {
      packages: { kamailio: "5.6.4", rtpengine: "10.5.3.5" },
      slots: { use1: [4], sae1: [1, 2, 3], "mia-dc": [1] },
    };
    raw.carriers[0].gateways = ["80.231.10.1:5060"];
    // A site whose every slot has moved is done (it waits for the others before the promotion): no issue.
    expect(issuesOf(raw)).toEqual([
      '- callmyway-network:voice.customerContactLevel: "sales" is not an escalation level in monitoring.levels',
      "- callmyway-network:carriers[0].gateways[0]: gateway 80.231.10.1:5060 is outside carrier carrier-atlas's signalling CIDRs (its replies would be refused)",
      "- callmyway-network:voice.rollout.slots.use1: slot 4 does not exist: use1 has 3 SBCs",
      '- callmyway-network:voice.rollout.slots.mia-dc: "mia-dc" is not an AWS site with SBCs',
    ]);
  });

  it("refuses a setup timeout that would be Timer B again", () => {
    const raw = rawStackConfig("staging");
    raw.voice.setupTimeoutSeconds = 32;
    expect(issuesOf(raw)).toEqual([
      "- callmyway-network:voice.setupTimeoutSeconds: a setup timeout above 10 s is not failover, it is Timer B",
    ]);
  });

  it("refuses a core SIP port that is the SBC's TLS port (the SBC listens for the core there)", () => {
    const raw = rawStackConfig("staging");
    raw.ports.coreSip = 5061;
    expect(issuesOf(raw)).toContain(
      "- callmyway-network:ports.coreSip: the core's SIP port 5061 is the SBC's TLS port (voice.tlsPort): the SBC listens for the core on it",
    );
  });
});

describe("the trunk table's consumer", () => {
  it("routes each destination's E.164 prefix to its carriers in config order, NANP countries merged", () => {
    const carrier = (name: string, destinations: string[]) => ({
      name,
      signallingCidrs: ["64.16.10.0/28"],
      mediaCidrs: ["64.16.64.0/24"],
      destinations,
    });
    const carriers = [carrier("a", ["CA", "MX"]), carrier("b", ["US", "MX-MOBILE"]), carrier("c", ["MX", "US"])];
    const routes = routesFromTrunkTable(buildTrunkTable(carriers), ["a", "b", "c"], { "MX-MOBILE": "521" });
    expect(routes).toEqual([
      { prefix: "521", carriers: ["b"] },
      { prefix: "52", carriers: ["a", "c"] },
      { prefix: "1", carriers: ["a", "b", "c"] },
    ]);
  });

  it("refuses a suffixed destination without a prefix", () => {
    const table = { version: 1 as const, destinations: { "MX-MOBILE": ["a"] }, carriers: {} };
    expect(() => routesFromTrunkTable(table, ["a"])).toThrow(
      'destination "MX-MOBILE": no E.164 prefix known; add it to voice.destinationPrefixes (digits, e.g. "521")',
    );
  });

  it("sends a carrier's calls to its first signalling address on 5060 unless gateways are given", () => {
    expect(defaultGateways(["64.16.10.0/28", "64.16.11.0/28"])).toEqual(["64.16.10.1:5060", "64.16.11.1:5060"]);
    const config = stackConfig("prod");
    const site = config.sites.find((s) => s.kind === "aws" && s.name === "use1")!;
    const input = sbcVoiceInput(config, site as never, "core.internal");
    expect(input.core).toEqual({ uri: "sip:core.internal:5060", cidrs: ["10.10.0.0/16"] });
    expect(input.routes.find((r) => r.prefix === "34")).toEqual({
      prefix: "34",
      carriers: ["carrier-atlas", "carrier-borealis"],
    });
  });
});

describe("voice alarms", () => {
  const config = stackConfig("prod");
  const metrics = voiceWatchedMetrics("use1", voiceWatch(config));

  it("alarms on every probe target and on a silent publisher, treating missing probe data as breaching", () => {
    const probes = metrics.filter((m) => m.metricName === "ProbeUp");
    expect(probes.map((m) => m.id)).toEqual([
      "probe-core",
      "probe-carrier-atlas-64-16-10-1-5060",
      "probe-carrier-atlas-64-16-11-1-5060",
      "probe-carrier-borealis-80-231-10-1-5060",
      "probe-carrier-cosmos-177-54-20-1-5060",
      "voice-publisher-silent",
    ]);
    expect(new Set(probes.map((m) => m.treatMissingData))).toEqual(new Set(["breaching"]));
    expect(probes.at(-1)).toMatchObject({ statistic: "SampleCount", dimensions: { Site: "use1" } });
  });

  it("watches each customer against its own thresholds, defaulting to the global ones, at the contact level", () => {
    const latency = (customer: string) => metrics.find((m) => m.id === `voice-${customer}-latency`)!;
    expect(latency("globex-contact-center")).toMatchObject({
      threshold: 120,
      dimensions: { Site: "use1", Customer: "globex-contact-center" },
      startLevel: 1,
    });
    expect(latency("acme-pbx").threshold).toBe(config.monitoring.voiceQuality.latencyMs);
    expect(metrics.find((m) => m.id === "voice-acme-pbx-mos")!.treatMissingData).toBe("notBreaching");
  });

  it("watches a drained slot for calls that outlive the drain limit, missing data kept missing; nothing while none is drained", () => {
    expect(metrics.filter((m) => m.metricName === "Drained")).toEqual([]);
    const drained = { ...config, voice: { ...config.voice, drained: { use1: [2] } } };
    const watched = voiceWatchedMetrics("use1", voiceWatch(drained)).filter((m) => m.metricName === "Drained");
    expect(watched).toEqual([
      expect.objectContaining({
        id: "sbc-2-not-drained",
        namespace: "CallMyWay/Voice",
        dimensions: { Site: "use1", Slot: "2" },
        statistic: "Maximum",
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        periodSeconds: 60,
        evaluationPeriods: config.voice.drainLimitMinutes + DRAIN_ALARM_MARGIN_MINUTES,
        // A slot that publishes nothing is not known drained: INSUFFICIENT_DATA, not OK and not ALARM.
        treatMissingData: "missing",
      }),
    ]);
    // Another site's drained slot is not this site's.
    expect(voiceWatchedMetrics("euw1", voiceWatch(drained)).filter((m) => m.metricName === "Drained")).toEqual([]);
  });
});

// The SBC configuration reaches the hosts: one SSM Command document per site holding the rendered
// files (the trunk table's consumer), State Manager associations on exactly that site's SBCs, the core
// behind an internal NLB; a config change re-applies without replacing an SBC.
import { AwsSiteConfig } from "../../config";
import { CORE_SIP_DEREGISTRATION_SECONDS, CORE_SIP_HEALTH } from "../../components/pools/coreSipBalancer";
import { DRIFT_HEAL_SCHEDULE } from "../../components/pools/sbcConfigDelivery";
import { sbcConfigDocument, sbcPackagesBySlot } from "../../components/pools/sbcConfigDocument";
import {
  CORE_HOST_PLACEHOLDER,
  SSM_DOCUMENT_MAX_BYTES,
  defaultGateways,
  sbcDeliveryDocument,
  sbcVoiceInput,
} from "../../components/voice";
import { mockId } from "../../tools/mocks/resources";
import { diffPlans } from "../../tools/plan/diff";
import { PlanDocument } from "../../tools/plan/document";
import { stackConfig, stackDocument } from "../harness/config";
import { Run, runStack, runStackDocument } from "../harness/program";

const T = {
  document: "aws:ssm/document:Document",
  association: "aws:ssm/association:Association",
  instance: "aws:ec2/instance:Instance",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  targetGroup: "aws:lb/targetGroup:TargetGroup",
  listener: "aws:lb/listener:Listener",
  group: "aws:autoscaling/group:Group",
  subnet: "aws:ec2/subnet:Subnet",
} as const;

type Stack = "prod" | "staging";
const awsSites = (stack: Stack) => stackConfig(stack).sites.filter((s): s is AwsSiteConfig => s.kind === "aws");

/** The shell lines of a document's one step. */
const scriptOf = (content: string): string[] => JSON.parse(content).mainSteps[0].inputs.runCommand;

describe.each(["prod", "staging"] as const)("%s: the SBC configuration in the plan", (stack) => {
  const config = stackConfig(stack);
  let run: Run;
  beforeAll(async () => {
    run = await runStack(stack);
  }, 300_000);

  it("carries per site a Command document with the site's rendered files, every carrier gateway in it", () => {
    awsSites(stack).forEach((site) => {
      const doc = run.named(T.document, `${site.name}-pools-sbc-config`);
      expect(doc.inputs).toMatchObject({ documentType: "Command", documentFormat: "JSON" });
      const content = String(doc.inputs.content);
      expect(content).toBe(
        sbcDeliveryDocument(sbcVoiceInput(config, site, CORE_HOST_PLACEHOLDER), config.voice.drainLimitMinutes),
      );
      const script = scriptOf(content).join("\n");
      expect(script).toContain(`# SBC of site ${site.name} (${config.environment})`);
      config.carriers.forEach((c) =>
        (c.gateways ?? defaultGateways(c.signallingCidrs)).forEach((g) => expect(script).toContain(`sip:${g}`)),
      );
      expect(script).toContain(`1 sip:${CORE_HOST_PLACEHOLDER}:${config.ports.coreSip} 0 0 name=core`);
    });
  });

  it("keeps every site's document under SSM's 64 KB, parameters counted", () => {
    awsSites(stack).forEach((site) => {
      const bytes = Buffer.byteLength(String(run.named(T.document, `${site.name}-pools-sbc-config`).inputs.content));
      expect(bytes).toBeGreaterThan(8192); // more than any SSM parameter holds: why it is a document
      expect(bytes + 2 * 23 + 253).toBeLessThanOrEqual(SSM_DOCUMENT_MAX_BYTES);
    });
  });

  it("targets exactly the site's SBC instances, each with its slot's package set, on the drift schedule", () => {
    awsSites(stack).forEach((site) => {
      const associations = run.ofType(T.association).filter((a) => a.name.startsWith(`${site.name}-pools-sbc-config-`));
      expect(associations.length).toBeGreaterThan(0);
      const packages = sbcPackagesBySlot(config.voice, site.name, site.pools.sbc.count);
      const targeted = associations.flatMap((a) => {
        const targets = a.inputs.targets as { key: string; values: string[] }[];
        expect(targets.map((t) => t.key)).toEqual(["InstanceIds"]);
        const params = a.inputs.parameters as Record<string, string>;
        targets[0].values.forEach((id) => {
          const slot = Array.from({ length: site.pools.sbc.count }, (_, i) => i).find(
            (i) => mockId(T.instance, `${site.name}-pools-sbc-${i + 1}`) === id,
          )!;
          expect({ kamailio: params.kamailioVersion, rtpengine: params.rtpengineVersion }).toEqual(packages[slot]);
        });
        expect(a.inputs).toMatchObject({ scheduleExpression: DRIFT_HEAL_SCHEDULE, maxConcurrency: "1" });
        expect(params.coreHost).toMatch(new RegExp(`^${site.name}-pools-core-sip.*\\.elb\\.amazonaws\\.com$`));
        return targets[0].values;
      });
      const ids = Array.from({ length: site.pools.sbc.count }, (_, i) =>
        mockId(T.instance, `${site.name}-pools-sbc-${i + 1}`),
      );
      expect([...targeted].sort()).toEqual([...ids].sort());
    });
  });

  it("delivers the drain script with every rendering, and carries the drain command per site, run nowhere while nothing is drained", () => {
    awsSites(stack).forEach((site) => {
      expect(scriptOf(sbcConfigDocument(config, site)).join("\n")).toContain(
        `cat > "/usr/local/sbin/callmyway-drain.new"`,
      );
      const drain = JSON.parse(String(run.named(T.document, `${site.name}-pools-sbc-drain`).inputs.content));
      expect(drain.mainSteps[0].inputs.runCommand).toEqual(["/usr/local/sbin/callmyway-drain '{{ slot }}'"]);
      // The step outlives the drain limit.
      expect(Number(drain.mainSteps[0].inputs.timeoutSeconds)).toBeGreaterThan(config.voice.drainLimitMinutes * 60);
    });
    expect(run.ofType(T.association).filter((a) => a.name.includes("-pools-sbc-drain-"))).toEqual([]);
  });

  it("puts an internal NLB in the core subnets, SIP over UDP and TCP, withdrawing a dead host within seconds", () => {
    awsSites(stack).forEach((site) => {
      const lb = run.named(T.lb, `${site.name}-pools-core-sip`);
      expect(lb.inputs).toMatchObject({ internal: true, loadBalancerType: "network" });
      const coreSubnets = run
        .ofType(T.subnet)
        .filter((s) => s.name.startsWith(`${site.name}-`) && s.name.includes("core"))
        .map((s) => mockId(T.subnet, s.name));
      expect(coreSubnets.length).toBeGreaterThanOrEqual(2);
      expect([...(lb.inputs.subnets as string[])].sort()).toEqual(coreSubnets.sort());
      const tg = run.named(T.targetGroup, `${site.name}-pools-core-hosts`);
      expect(tg.inputs).toMatchObject({
        protocol: "TCP_UDP",
        port: config.ports.coreSip,
        targetType: "instance",
        deregistrationDelay: CORE_SIP_DEREGISTRATION_SECONDS,
        healthCheck: { protocol: "TCP", interval: 5, unhealthyThreshold: 2 },
      });
      expect(CORE_SIP_HEALTH.interval * CORE_SIP_HEALTH.unhealthyThreshold).toBeLessThanOrEqual(10);
      expect(run.named(T.listener, `${site.name}-pools-core-sip`).inputs).toMatchObject({
        protocol: "TCP_UDP",
        port: config.ports.coreSip,
      });
      const asg = run.named(T.group, `${site.name}-pools-core-hosts`);
      expect(asg.inputs.targetGroupArns as string[]).toHaveLength(1);
      expect(String((asg.inputs.targetGroupArns as string[])[0])).toContain(
        `targetgroup/${site.name}-pools-core-hosts`,
      );
    });
  });
});

describe("a rollout feeds each slot its package set", () => {
  it("gives the rollout's versions to the listed slots only", () => {
    const { voice } = stackConfig("prod");
    const rolled = {
      ...voice,
      rollout: { packages: { kamailio: "5.6.4", rtpengine: "10.5.4.1" }, slots: { use1: [2] }, moving: { euw1: 1 } },
    };
    expect(sbcPackagesBySlot(rolled, "use1", 3)).toEqual([voice.packages, rolled.rollout.packages, voice.packages]);
    // The slot moving in this step runs the new set too.
    expect(sbcPackagesBySlot(rolled, "euw1", 3)).toEqual([rolled.rollout.packages, voice.packages, voice.packages]);
  });
});

describe("SSM's document size limit", () => {
  it("refuses a site whose configuration does not fit, naming the site and the limit", () => {
    const config = stackConfig("staging");
    const site = awsSites("staging")[0];
    const customers = Array.from({ length: 600 }, (_, i) => ({
      name: `customer-${i}`,
      sipCidrs: [`198.51.${Math.floor(i / 250)}.${i % 250}/32`],
    }));
    expect(() =>
      sbcDeliveryDocument(sbcVoiceInput({ ...config, customers } as never, site, CORE_HOST_PLACEHOLDER), 30),
    ).toThrow(
      new RegExp(
        `site ${site.name}: the SBC configuration document \\(undrained slots\\) is \\d+ bytes .* \\(65536 bytes, https://`,
      ),
    );
  });
});

describe("a routing change in staging (a carrier's gateways)", () => {
  const planOf = (run: Run): PlanDocument => ({
    project: "callmyway-network",
    stack: "staging",
    resources: run.resources,
    outputs: {},
  });
  it("changes each site's document in place and re-runs its associations, replacing no SBC", async () => {
    const head = stackDocument("staging");
    const carriers = head.config["callmyway-network:carriers"] as { signallingCidrs: string[]; gateways?: string[] }[];
    const first = carriers[0];
    const gateway = defaultGateways(first.signallingCidrs)[0].replace(/:5060$/, ":5080");
    first.gateways = [gateway];
    const [before, after] = [
      await runStack("staging", { preview: true }),
      await runStackDocument("staging", head, { preview: true }),
    ];
    const diff = diffPlans(planOf(before), planOf(after));
    const documents = diff.changed.filter((c) => c.type === T.document);
    expect(documents.map((c) => c.name).sort()).toEqual(
      awsSites("staging")
        .map((s) => `${s.name}-pools-sbc-config`)
        .sort(),
    );
    documents.forEach((c) => {
      expect(c.changedInputs).toEqual(["content"]);
      expect(c.replacingInputs).toEqual([]);
      expect(String(after.named(T.document, c.name).inputs.content)).toContain(`sip:${gateway}`);
    });
    expect(diff.replaced).toEqual([]);
    expect(diff.changed.filter((c) => c.type === T.instance)).toEqual([]);
    const rerun = diff.mayChange.filter((r) => r.type === T.association);
    expect(rerun.length).toBeGreaterThanOrEqual(awsSites("staging").length);
    rerun.forEach((r) => expect(r.because).toMatch(/^documentVersion <- .*-pools-sbc-config$/));
  }, 300_000);
});

/** Which instances (by slot) an association targets. */
const targetedSlots = (site: AwsSiteConfig, association: { inputs: Record<string, unknown> }): number[] => {
  const ids = (association.inputs.targets as { values: string[] }[])[0].values;
  return Array.from({ length: site.pools.sbc.count }, (_, i) => i + 1).filter((slot) =>
    ids.includes(mockId(T.instance, `${site.name}-pools-sbc-${slot}`)),
  );
};

describe.each(["prod", "staging"] as const)("%s: a slot that voice.drained lists", (stack) => {
  const SLOT = 2;
  let run: Run;
  let site: AwsSiteConfig;
  let drainedConfig: ReturnType<typeof stackConfig>;
  beforeAll(async () => {
    site = awsSites(stack)[0];
    const head = stackDocument(stack);
    const voice = head.config["callmyway-network:voice"] as Record<string, unknown>;
    voice.drained = { [site.name]: [SLOT] };
    drainedConfig = { ...stackConfig(stack), voice: { ...stackConfig(stack).voice, drained: { [site.name]: [SLOT] } } };
    run = await runStackDocument(stack, head);
  }, 300_000);

  const associationsOf = (doc: string) => run.ofType(T.association).filter((a) => a.name.replace(/-\d+$/, "") === doc);

  it("gets its own document, the drained rendering, and only its host receives it", () => {
    const doc = `${site.name}-pools-sbc-config-drained-${SLOT}`;
    const content = String(run.named(T.document, doc).inputs.content);
    expect(content).toBe(
      sbcDeliveryDocument(
        sbcVoiceInput(drainedConfig, site, CORE_HOST_PLACEHOLDER, undefined, SLOT),
        drainedConfig.voice.drainLimitMinutes,
      ),
    );
    const script = scriptOf(content).join("\n");
    expect(script).toContain("$sht(sbc=>draining) = 1;");
    expect(script).toMatch(new RegExp(`\\\\"Slot\\\\":\\\\"${SLOT}\\\\"`));
    // A running drained SBC is not restarted (its calls would drop): drain mode goes on live.
    expect(script).toContain("htable.seti sbc draining 1");
    expect(associationsOf(doc).flatMap((a) => targetedSlots(site, a))).toEqual([SLOT]);
  });

  it("the other slots keep the site's undrained rendering", () => {
    const doc = `${site.name}-pools-sbc-config`;
    const content = String(run.named(T.document, doc).inputs.content);
    expect(content).toBe(sbcConfigDocument(drainedConfig, site));
    expect(scriptOf(content).join("\n")).not.toContain("$sht(sbc=>draining) = 1;");
    const others = Array.from({ length: site.pools.sbc.count }, (_, i) => i + 1).filter((s) => s !== SLOT);
    expect(
      associationsOf(doc)
        .flatMap((a) => targetedSlots(site, a))
        .sort(),
    ).toEqual(others);
    // Every other site: one rendering, every slot.
    awsSites(stack)
      .filter((s) => s.name !== site.name)
      .forEach((other) => {
        expect(
          run.ofType(T.document).filter((d) => d.name.startsWith(`${other.name}-pools-sbc-config-drained`)),
        ).toEqual([]);
      });
  });

  it("runs the drain command once on that slot's host, with its slot", () => {
    const drains = run.ofType(T.association).filter((a) => a.name.includes("-pools-sbc-drain-"));
    expect(drains.map((a) => a.name)).toEqual([`${site.name}-pools-sbc-drain-${SLOT}`]);
    expect(targetedSlots(site, drains[0])).toEqual([SLOT]);
    expect(drains[0].inputs.parameters).toEqual({ slot: String(SLOT) });
    // No schedule: it runs when it is created, not every 30 minutes.
    expect(drains[0].inputs.scheduleExpression).toBeUndefined();
  });

  it("alarms if that slot still has calls past the drain limit, by its site and slot", () => {
    const alarms = run
      .ofType("aws:cloudwatch/metricAlarm:MetricAlarm")
      .filter((a) => a.inputs.namespace === "CallMyWay/Voice" && a.inputs.metricName === "Drained");
    expect(alarms.length).toBeGreaterThan(0);
    alarms.forEach((a) =>
      expect(a.inputs).toMatchObject({
        dimensions: { Site: site.name, Slot: String(SLOT) },
        treatMissingData: "missing",
      }),
    );
  });
});

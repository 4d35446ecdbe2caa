import { CREATION_TIMES, DEFAULT_CREATION, creationTimeOf, typicalSeconds } from "../../tools/bench/creationTimes";
import {
  GraphResource,
  PULUMI_PARALLEL_PER_CPU,
  RUNNER_CPUS,
  criticalPath,
  deploySeconds,
  formatDuration,
  pulumiDefaultParallelism,
} from "../../tools/bench/deployTime";

const STACK = "urn:stack";
function res(name: string, type: string, more: Partial<GraphResource> = {}): GraphResource {
  return { urn: `urn:${name}`, name, type, custom: true, parent: STACK, dependencies: [], inputs: {}, ...more };
}
const seconds = (type: string, inputs: Record<string, unknown> = {}) => typicalSeconds(creationTimeOf({ type, custom: true, inputs }));

const TGW = "aws:ec2transitgateway/transitGateway:TransitGateway";
const ATTACH = "aws:ec2transitgateway/vpcAttachment:VpcAttachment";
const NAT = "aws:ec2/natGateway:NatGateway";
const VPC = "aws:ec2/vpc:Vpc";
const RDS = "aws:rds/instance:Instance";

describe("creation times", () => {
  it("tells a Multi-AZ database, a cross-region replica and a single-AZ one apart", () => {
    expect(creationTimeOf({ type: RDS, custom: true, inputs: { multiAz: true } }).kind).toBe("RDS Multi-AZ instance");
    expect(creationTimeOf({ type: RDS, custom: true, inputs: { replicateSourceDb: "[unknown]" } }).kind).toBe("RDS cross-region read replica");
    expect(creationTimeOf({ type: RDS, custom: true, inputs: {} }).kind).toBe("RDS single-AZ instance");
  });

  it("charges nothing for components and providers, and the default for unknown types", () => {
    expect(typicalSeconds(creationTimeOf({ type: "callmyway:x:Y", custom: false }))).toBe(0);
    expect(typicalSeconds(creationTimeOf({ type: "pulumi:providers:aws", custom: true }))).toBe(0);
    expect(creationTimeOf({ type: "aws:made/up:Thing", custom: true })).toBe(DEFAULT_CREATION);
    expect(creationTimeOf({ type: "cloudflare:index/dnsRecord:DnsRecord", custom: true }).kind).toBe("Cloudflare object");
  });

  it("documents a source for every entry and keeps each range ordered", () => {
    CREATION_TIMES.forEach((e) => {
      expect(e.source.length).toBeGreaterThan(10);
      expect(e.lowSeconds).toBeLessThanOrEqual(e.highSeconds);
    });
  });
});

// stack -> site component -> vpc -> tgw attachment (also waits for the TGW, created under a
// second component) -> route; a NAT hangs off the VPC on a shorter branch; an unknown type sits
// at the end of the longest chain, through a parent link only.
const resources: GraphResource[] = [
  { urn: STACK, name: "stack", type: "pulumi:pulumi:Stack", custom: false, parent: null, dependencies: [] },
  res("site", "callmyway:network:Site", { custom: false }),
  res("transit", "callmyway:interconnect:Transit", { custom: false }),
  res("vpc", VPC, { parent: "urn:site" }),
  res("tgw", TGW, { parent: "urn:transit" }),
  res("nat", NAT, { parent: "urn:site", dependencies: ["urn:vpc"] }),
  res("attach", ATTACH, { parent: "urn:site", dependencies: ["urn:vpc", "urn:tgw"] }),
  res("route", "aws:ec2/route:Route", { parent: "urn:site", dependencies: ["urn:attach", "urn:nat"] }),
  res("unknown-child", "aws:made/up:Thing", { parent: "urn:route" }),
];

describe("critical path", () => {

  it("finds the longest weighted chain through dependency and parent edges", () => {
    const path = criticalPath(resources);
    // The TGW (240 s) outweighs VPC + NAT (6 + 90 s): the chain is tgw -> attachment -> route -> unknown child.
    const expected = seconds(TGW) + seconds(ATTACH) + seconds("aws:ec2/route:Route") + typicalSeconds(DEFAULT_CREATION);
    expect(path.totalSeconds).toBe(expected);
    expect(path.chain.map((l) => l.name)).toEqual(["tgw", "attach", "route", "unknown-child"]);
    expect(path.chain[path.chain.length - 1].readyAt).toBe(expected);
  });

  it("follows a parent edge when it is the longer way", () => {
    const slowParent = resources.map((r) => (r.name === "transit" ? { ...r, type: RDS, custom: true, inputs: { multiAz: true } } : r));
    const path = criticalPath(slowParent);
    expect(path.chain.map((l) => l.name)).toEqual(["transit", "tgw", "attach", "route", "unknown-child"]);
    expect(path.lowSeconds).toBeLessThan(path.totalSeconds);
    expect(path.highSeconds).toBeGreaterThan(path.totalSeconds);
  });

  it("refuses a dependency cycle", () => {
    const cyclic = [res("a", VPC, { dependencies: ["urn:b"] }), res("b", VPC, { dependencies: ["urn:a"] })];
    expect(() => criticalPath(cyclic)).toThrow(/cycle/);
  });

  it("formats durations for people", () => {
    expect(formatDuration(45)).toBe("45s");
    expect(formatDuration(450)).toBe("7m 30s");
    expect(formatDuration(3725)).toBe("1h 02m 05s");
  });
});

describe("a first up at bounded parallelism", () => {
  const NAT_SECONDS = seconds(NAT);
  // Four NAT gateways under one component, nothing between them: only the slots order them.
  const nats: GraphResource[] = [
    { urn: STACK, name: "stack", type: "pulumi:pulumi:Stack", custom: false, parent: null, dependencies: [] },
    ...[1, 2, 3, 4].map((i) => res(`nat${i}`, NAT)),
  ];

  it("uses Pulumi's default --parallel, 4 x CPUs (pulumi/pulumi#15016), on the 2-CPU runner: 8", () => {
    expect(PULUMI_PARALLEL_PER_CPU).toBe(4);
    expect(pulumiDefaultParallelism(RUNNER_CPUS)).toBe(8);
    expect(pulumiDefaultParallelism(1)).toBe(4);
    expect(() => pulumiDefaultParallelism(0)).toThrow(/whole number of CPUs/);
  });

  it("runs independent resources side by side up to the slots, then in waves", () => {
    expect(deploySeconds(nats, 8)).toBe(NAT_SECONDS);
    expect(deploySeconds(nats, 2)).toBe(2 * NAT_SECONDS);
    expect(deploySeconds(nats, 1)).toBe(4 * NAT_SECONDS);
    expect(deploySeconds(nats, 3)).toBe(2 * NAT_SECONDS);
  });

  it("is the critical path when the slots never run out, and never shorter than it", () => {
    expect(deploySeconds(resources, Infinity)).toBe(criticalPath(resources).totalSeconds);
    expect(deploySeconds(resources, 1)).toBeGreaterThan(criticalPath(resources).totalSeconds);
    // One slot: every resource that takes time, one after another.
    const total = resources.reduce((sum, r) => sum + typicalSeconds(creationTimeOf(r)), 0);
    expect(deploySeconds(resources, 1)).toBe(total);
  });

  it("lets components and providers through without a slot", () => {
    const underComponents = [nats[0], ...[1, 2].map((i) => res(`c${i}`, "callmyway:x:C", { custom: false })), res("nat", NAT, { parent: "urn:c2" })];
    expect(deploySeconds(underComponents, 1)).toBe(NAT_SECONDS);
  });

  it("refuses a cycle and a parallelism below one", () => {
    const cyclic = [res("a", VPC, { dependencies: ["urn:b"] }), res("b", VPC, { dependencies: ["urn:a"] })];
    expect(() => deploySeconds(cyclic, 8)).toThrow(/cycle/);
    expect(() => deploySeconds(nats, 0)).toThrow(/at least 1/);
  });
});

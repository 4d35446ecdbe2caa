import { oneGraph } from "../../tools/bench/environmentRun";
import { deploySeconds } from "../../tools/bench/deployTime";
import {
  EnvironmentResult,
  StackFigure,
  formatDeployEstimates,
  formatEnvironments,
  formatRegistrations,
  levelwiseEstimate,
  registrationsOf,
} from "../../tools/bench/stacks";
import { PlanResource } from "../../tools/plan/capture";

const figure = (name: string, kind: StackFigure["kind"], resources: number, level = 0): StackFigure => ({
  name,
  kind,
  level,
  resources,
  deploySeconds: 0,
  unlimitedSeconds: 0,
});

const STACKS = [
  figure("e", "shared", 20),
  figure("e-a", "site", 430, 1),
  figure("e-b", "site", 460, 2),
  figure("e-mesh", "mesh", 7, 3),
  figure("e-dns", "dns", 46, 3),
];

describe("registrations of an environment's stacks", () => {
  it("gives the largest stack, the largest of each kind in layout order, and the total", () => {
    expect(registrationsOf(STACKS)).toEqual({
      byKind: [
        { kind: "shared", stacks: 1, largest: 20, largestName: "e" },
        { kind: "site", stacks: 2, largest: 460, largestName: "e-b" },
        { kind: "mesh", stacks: 1, largest: 7, largestName: "e-mesh" },
        { kind: "dns", stacks: 1, largest: 46, largestName: "e-dns" },
      ],
      largest: { name: "e-b", resources: 460 },
      total: 963,
      stacks: 5,
    });
  });

  it("leaves out a kind the environment has none of (one site: no mesh) and shows it as - in the table", () => {
    const oneSite = STACKS.filter((s) => s.kind !== "mesh" && s.name !== "e-b");
    expect(registrationsOf(oneSite).byKind.map((k) => k.kind)).toEqual(["shared", "site", "dns"]);
    const table = formatRegistrations([{ sites: 1, stacks: oneSite } as unknown as EnvironmentResult]).split("\n");
    expect(table[0].split(/\s{2,}/).map((h) => h.trim())).toEqual([
      "sites",
      "stacks",
      "largest stack",
      "shared",
      "site (largest)",
      "mesh",
      "dns",
      "total",
    ]);
    expect(table[2].trim().split(/\s{2,}/)).toEqual(["1", "3", "430 (e-a)", "20", "430", "-", "46", "496"]);
  });
});

describe("first deploy with one job per stack", () => {
  it("sums the slowest stack of each level: a level waits for all of the level before it", () => {
    const estimate = levelwiseEstimate([["e"], ["e-a"], ["e-b", "e-c"], ["e-mesh", "e-dns"]], {
      e: 18,
      "e-a": 1800,
      "e-b": 2000,
      "e-c": 2100,
      "e-mesh": 400,
      "e-dns": 60,
    });
    expect(estimate.totalSeconds).toBe(18 + 1800 + 2100 + 400);
    expect(estimate.levels.map((l) => [l.level, l.stacks, l.slowest])).toEqual([
      [0, 1, "e"],
      [1, 1, "e-a"],
      [2, 2, "e-c"],
      [3, 2, "e-mesh"],
    ]);
  });

  it("refuses a stack without an estimate rather than counting it as instant", () => {
    expect(() => levelwiseEstimate([["e"], ["e-a"]], { e: 18 })).toThrow(/no deploy estimate for stack e-a/);
  });
});

describe("the environment as one graph", () => {
  const resource = (stack: string, name: string, type: string, more: Partial<PlanResource> = {}): PlanResource => ({
    urn: `urn:pulumi:${stack}::p::${type}::${name}`,
    type,
    name,
    parent: null,
    dependencies: [],
    propertyDependencies: {},
    inputs: {},
    provider: null,
    custom: true,
    ...more,
  });
  const root = (stack: string) => resource(stack, `p-${stack}`, "pulumi:pulumi:Stack", { custom: false });
  const vpn = "aws:ec2/vpnConnection:VpnConnection";
  const plans = {
    up: [root("up"), resource("up", "vpn", vpn, { parent: root("up").urn })],
    down: [root("down"), resource("down", "vpn", vpn, { parent: root("down").urn })],
  };

  it("makes a reader's root wait for every resource of the stacks it reads, and leaves other resources as planned", () => {
    const graph = oneGraph(plans, { up: [], down: ["up"] });
    expect(graph).toHaveLength(4);
    expect(graph.find((r) => r.urn === root("down").urn)!.dependencies).toEqual(plans.up.map((r) => r.urn));
    expect(graph.filter((r) => r.urn !== root("down").urn)).toEqual([...plans.up, plans.down[1]]);
    // The two VPN connections (450 s each) now follow each other; apart they would run side by side.
    expect(deploySeconds(graph, 8)).toBe(900);
    expect(deploySeconds([...plans.up, ...plans.down], 8)).toBe(450);
  });

  it("refuses a stack that reads one that was not planned", () => {
    expect(() => oneGraph({ down: plans.down }, { down: ["up"] })).toThrow(/down reads up, which was not planned/);
  });
});

describe("the report of an environment's stacks", () => {
  const result = {
    sites: 2,
    parallelism: 8,
    runnerCpus: 2,
    stacks: [
      { ...figure("e", "shared", 20), deploySeconds: 18 },
      { ...figure("e-a", "site", 430, 1), deploySeconds: 1800 },
      { ...figure("e-b", "site", 460, 2), deploySeconds: 2040 },
      { ...figure("e-mesh", "mesh", 7, 3), deploySeconds: 396 },
      { ...figure("e-dns", "dns", 46, 3), deploySeconds: 18 },
    ],
    levels: [["e"], ["e-a"], ["e-b"], ["e-mesh", "e-dns"]],
    change: { changed: "e-b", planned: ["e-b", "e-mesh", "e-dns"], wallMs: 900, cpuMs: 950, perStack: [], firstSiteReaders: 3, firstSiteReplanned: ["e-dns"] },
    countsByType: {},
    oneGraph: { seconds: 4300, unlimitedSeconds: 3600 },
  } as EnvironmentResult;

  it("puts the per-stack jobs' estimate (levels summed) beside the one graph's, and each level's slowest stack", () => {
    expect(formatDeployEstimates([result])).toEqual([
      "   2 sites: per-stack jobs 1h 10m 54s | one graph 1h 11m 40s (unlimited parallelism: 1h 00m 00s)",
      "      level 0: 1 stack(s), slowest e 18s",
      "      level 1: 1 stack(s), slowest e-a 30m 00s",
      "      level 2: 1 stack(s), slowest e-b 34m 00s",
      "      level 3: 2 stack(s), slowest e-mesh 6m 36s",
    ]);
  });

  it("says which parallelism and runner the estimate assumes, and what the change planning measures", () => {
    const text = formatEnvironments([result]);
    expect(text).toContain("on a 2-CPU runner at Pulumi's default --parallel 8 (4 x CPUs)");
    expect(text).toContain("upstreams not re-planned");
    expect(text).toContain("e-b + 2 readers (e-mesh, e-dns): 900 ms wall, 950 ms CPU");
    expect(text).toContain(
      "(a change to the first site, its SBC pool one smaller, re-plans 1 of its 3 readers (e-dns); all 3 when any output re-planned them)",
    );
  });
});

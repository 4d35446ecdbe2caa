// Losing a region (issue 14): with us-east-1's APIs refusing every call, every other stack of prod
// still plans, and each step of the runbook (config/schema.ts `regionalLoss`) plans and applies without
// that region. us-east-1 holds the most: the first site (web validation records), the admin VPN and
// the database primary.
import { validateConfig } from "../../config";
import { type StackSpec } from "../../lib/stacks/layout";
import { partStackConfig, stacksOf } from "../../tools/plan/environment";
import { runProgram } from "../../tools/plan/programRun";
import { flattenStackConfig } from "../../tools/stackConfig";
import { documentFromRaw, rawStackConfig } from "../harness/config";
import { ROOT, runStack } from "../harness/program";

const DOWN = "us-east-1";
const LOST = "use1";

/** The runbook's steps, cumulative: each is the previous config plus one reviewed change. */
function runbook(): { step: string; raw: Record<string, any> }[] {
  const raw = rawStackConfig("prod");
  const withdraw = { ...raw, regionalLoss: { lostSites: [LOST] } };
  const moveAdmin = { ...withdraw, admin: { ...raw.admin, vpnSite: "sae1" } };
  const promote = { ...moveAdmin, regionalLoss: { ...moveAdmin.regionalLoss, promoteReplica: true } };
  return [
    { step: "withdraw use1 from DNS", raw: withdraw },
    { step: "move the admin VPN to sae1", raw: moveAdmin },
    { step: "promote the euw1 replica", raw: promote },
  ];
}

describe("losing us-east-1 in prod", () => {
  // The state every stack had before the outage: their last `up`.
  let before: Record<string, Record<string, unknown>>;
  beforeAll(async () => {
    const run = await runStack("prod");
    before = Object.fromEntries(Object.entries(run.stacks).map(([name, r]) => [name, r.wireOutputs]));
  });

  /** Plans (and, with `apply`, applies) one stack with the region down, reading `state`. */
  const runDown = (
    environment: ReturnType<typeof flattenStackConfig>,
    spec: StackSpec,
    state: typeof before,
    preview: boolean,
  ) =>
    runProgram(partStackConfig(environment, spec), {
      root: ROOT,
      preview,
      downRegions: [DOWN],
      upstreams: Object.fromEntries(spec.reads.map((name) => [name, state[name]])),
    });

  it("plans every stack but the lost site's own (the only one whose region is us-east-1)", async () => {
    const environment = flattenStackConfig("prod", documentFromRaw("prod", rawStackConfig("prod")));
    const specs = stacksOf(environment);
    const lost = specs.find((s) => s.name === `prod-${LOST}`)!;
    expect(lost.regions).toEqual([DOWN]);
    const others = specs.filter((s) => s !== lost);
    expect(others.map((s) => s.name)).toEqual([
      "prod",
      "prod-sae1",
      "prod-euw1",
      "prod-mesh-sae1",
      "prod-mesh-euw1",
      "prod-dns",
    ]);
    for (const spec of others) {
      const plan = await runDown(environment, spec, before, true);
      expect({ stack: spec.name, registered: plan.resources.length > 0 }).toEqual({
        stack: spec.name,
        registered: true,
      });
    }
  });

  it.each(runbook())("$step: plans and applies every stack but the lost one, without us-east-1", async ({ raw }) => {
    validateConfig(raw);
    const environment = flattenStackConfig("prod", documentFromRaw("prod", raw));
    const specs = stacksOf(environment).filter((s) => s.name !== `prod-${LOST}`);
    // Applied in deploy order: each stack reads the state its upstreams have after this step (the lost
    // site's is its state from before the outage). The mesh's inputs do not change: it is previewed.
    const state = { ...before };
    for (const spec of specs) {
      const preview = spec.part.kind === "mesh";
      const run = await runDown(environment, spec, state, preview);
      if (!preview) state[spec.name] = run.wireOutputs;
    }
    // What each step changed, in the state that is left.
    const dnsReads = specs.find((s) => s.part.kind === "dns")!.reads;
    expect(dnsReads).not.toContain(`prod-${LOST}`);
    if (raw.admin.vpnSite === "sae1") expect(state["prod-sae1"].adminVpn).toBeDefined();
    if (raw.regionalLoss.promoteReplica) expect(state["prod-euw1"].databaseArn).toMatch(/^arn:aws:rds:eu-west-1:/);
  });

  it("promotes in place: the replica's instance keeps its name, loses its source and joins the backup plan", async () => {
    const raw = runbook()[2].raw;
    const run = await runStack("prod", { only: ["prod-euw1"] });
    const promoted = await runProgram(
      partStackConfig(
        flattenStackConfig("prod", documentFromRaw("prod", raw)),
        stacksOf(flattenStackConfig("prod", documentFromRaw("prod", raw))).find((s) => s.name === "prod-euw1")!,
      ),
      {
        root: ROOT,
        preview: false,
        downRegions: [DOWN],
        upstreams: { prod: before.prod, "prod-use1": before["prod-use1"] },
      },
    );
    const replicaBefore = run.named("aws:rds/instance:Instance", "core-db-euw1-replica");
    const replicaAfter = promoted.resources.find(
      (r) => r.type === "aws:rds/instance:Instance" && r.name === "core-db-euw1-replica",
    )!;
    expect(replicaBefore.urn).toBe(replicaAfter.urn);
    expect(replicaBefore.inputs.replicateSourceDb).toMatch(/^arn:aws:rds:us-east-1:/);
    expect(replicaAfter.inputs.replicateSourceDb).toBeUndefined();
    expect((replicaAfter.inputs.tags as Record<string, string>).backup).toBeDefined();
    expect(replicaAfter.inputs.deletionProtection).toBe(true);
  });

  it("refuses a runbook whose promoted or new replica is in a lost site, or that loses every site", () => {
    const raw = rawStackConfig("prod");
    expect(() =>
      validateConfig({
        ...raw,
        admin: { ...raw.admin, vpnSite: "sae1" },
        regionalLoss: { lostSites: ["euw1"], promoteReplica: true },
      }),
    ).toThrow(/replica's site euw1 is lost too/);
    expect(() => validateConfig({ ...raw, regionalLoss: { lostSites: ["use1", "sae1", "euw1"] } })).toThrow(
      /every AWS site is lost/,
    );
    expect(() =>
      validateConfig({
        ...raw,
        admin: { ...raw.admin, vpnSite: "sae1" },
        regionalLoss: { lostSites: [LOST], replicaSite: "sae1" },
      }),
    ).toThrow(/set promoteReplica/);
  });
});

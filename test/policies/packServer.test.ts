// The offline engine agrees with the real pack: @pulumi/policy's analyzer server (policies/index.ts, in a
// child process) and tools/policy/engine.ts report the same violations for the same plan.
import { buildPlan } from "../../tools/plan/document";
import { evaluatePolicies } from "../../tools/policy/engine";
import { policyConfigForStack } from "../../tools/policy/fromStack";
import { AnalyzerServer } from "./analyzerServer";
import { MUTATIONS } from "./mutationTable";
import { REAL_MUTATIONS } from "./realMutations";
import { PACK_ENFORCEMENT_LEVEL } from "../../policies/lib/rule";

const key = (v: { policy: string; enforcementLevel: string; urn: string; message: string }) => `${v.policy} | ${v.enforcementLevel} | ${v.urn} | ${v.message}`;

describe("offline engine vs the pack's analyzer server", () => {
  let server: AnalyzerServer;
  beforeAll(async () => {
    server = await AnalyzerServer.start();
  });
  afterAll(async () => server?.stop());

  it("report the same violations on the staging plan broken by every mutation at once", async () => {
    const plan = await buildPlan("staging");
    const mutations = [...MUTATIONS, ...REAL_MUTATIONS];
    mutations.forEach((m) => m.mutate(plan));
    const config = policyConfigForStack("staging");
    await server.configure(config);
    const real = (await server.evaluate(plan.resources)).map(key).sort();
    const offline = (await evaluatePolicies(plan.resources, { config, packEnforcementLevel: PACK_ENFORCEMENT_LEVEL })).map(key).sort();
    expect(new Set(real.map((k) => k.split(" | ")[0]))).toEqual(new Set(mutations.flatMap((m) => m.policies)));
    expect(offline).toEqual(real);
  });
});

// Whole-program mutation tests: plan each real stack, break it in one way, and check the plan fails on
// exactly the policy that guards that promise. The table is in mutationTable.ts.
import { buildPlan, PlanDocument } from "../../tools/plan/document";
import { mandatoryViolations, PolicyViolation } from "../../tools/policy/engine";
import { policyConfigForStack } from "../../tools/policy/fromStack";
import { policyViolationsFor } from "../../tools/policy/report";
import { RULES } from "../../policies/rules";
import { MUTATIONS } from "./mutationTable";
import { REAL_MUTATIONS } from "./realMutations";

const ROWS = [...MUTATIONS, ...REAL_MUTATIONS];

it("breaks every rule of the pack in at least one row", () => {
  const broken = new Set(ROWS.flatMap((row) => row.policies));
  expect(RULES.map((rule) => rule.name).filter((name) => !broken.has(name))).toEqual([]);
});

describe.each(["prod", "staging"])("policies on the %s plan", (stack) => {
  let plan: PlanDocument;
  const config = policyConfigForStack(stack);
  const failedPolicies = async (mutated: PlanDocument) =>
    [...new Set(mandatoryViolations(await policyViolationsFor(mutated.resources, config)).map((v) => v.policy))].sort();

  beforeAll(async () => {
    plan = await buildPlan(stack);
  });

  it("has zero violations as planned", () => {
    expect(plan.policyViolations as PolicyViolation[]).toEqual([]);
  });

  it.each(ROWS)("$name: fails exactly $policies", async (mutation) => {
    // Mutations change resources only: the rest of the plan (figures, preflight) is shared, not copied.
    const mutated = { ...plan, resources: structuredClone(plan.resources) };
    mutation.mutate(mutated);
    expect(await failedPolicies(mutated)).toEqual([...mutation.policies].sort());
  });
});

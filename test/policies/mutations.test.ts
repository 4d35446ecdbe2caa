// Whole-program mutation tests: plan every stack of each real environment, break one in one way, and
// check the pack (run per stack, as a real preview runs it) fails on exactly the policy that guards
// that promise. The table is in mutationTable.ts.
import type { PlanDocument } from "../../tools/plan/document";
import { mandatoryViolations, PolicyViolation } from "../../tools/policy/engine";
import { policyConfigForStack } from "../../tools/policy/fromStack";
import { environmentPlan, mutateOneStack, perStackViolations } from "../harness/environmentPlan";
import { RULES } from "../../policies/rules";
import { MUTATIONS } from "./mutationTable";
import { REAL_MUTATIONS } from "./realMutations";

const ROWS = [...MUTATIONS, ...REAL_MUTATIONS];

it("breaks every rule of the pack in at least one row", () => {
  const broken = new Set(ROWS.flatMap((row) => row.policies));
  expect(RULES.map((rule) => rule.name).filter((name) => !broken.has(name))).toEqual([]);
});

describe.each(["prod", "staging"] as const)("policies on the %s environment's plans", (stack) => {
  let plan: PlanDocument;
  const config = policyConfigForStack(stack);
  const failedPolicies = async (mutated: Pick<PlanDocument, "resources">) =>
    [...new Set(mandatoryViolations(await perStackViolations(mutated.resources, config)).map((v) => v.policy))].sort();

  beforeAll(async () => {
    plan = await environmentPlan(stack, config);
  });

  it("has zero violations as planned", () => {
    expect(plan.policyViolations as PolicyViolation[]).toEqual([]);
  });

  it.each(ROWS)("$name: fails exactly $policies", async (mutation) => {
    // Mutations change one stack's resources only, and the pack judges that stack.
    const mutated = mutateOneStack(plan, mutation.mutate);
    expect(await failedPolicies(mutated)).toEqual([...mutation.policies].sort());
  });
});

import { policyConfigForStack } from "../tools/policy/fromStack";
import { environmentPlan, perStackViolations } from "./harness/environmentPlan";
import { REAL_MUTATIONS } from "./policies/realMutations";
test("x", async () => {
  const config = policyConfigForStack("staging");
  const plan = await environmentPlan("staging", config);
  const m = REAL_MUTATIONS.find((r) => r.name.includes("deny-delete"))!;
  const mutated = { ...plan, resources: structuredClone(plan.resources) };
  const before = mutated.resources.length;
  m.mutate(mutated);
  console.log(before, mutated.resources.length, mutated.resources.filter(r => r.type.includes("vaultPolicy")).map(r => r.urn));
  const v = await perStackViolations(mutated.resources, config);
  console.log(JSON.stringify(v.slice(0, 3)));
}, 100000);

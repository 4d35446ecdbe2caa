import { FLOOR_OVERHEAD, runFloor } from "../../tools/bench/floor";
import { planStackConfig } from "../../tools/bench/planStack";
import { syntheticStackConfig } from "../../tools/bench/syntheticNetwork";
import { PlanResource } from "../../tools/plan/capture";
import { countByType } from "../../tools/bench/growth";

// In-process (jest isolates each test file's module registry, so one Pulumi run per file is safe).
describe("what the benchmark measures", () => {
  it("the floor registers exactly the number of resources asked for, all parented to the stack", async () => {
    const resources = await runFloor(12);
    expect(resources).toHaveLength(12);
    const stack = resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
    const tags = resources.filter((r) => r.type === "aws:ec2/tag:Tag");
    expect(tags).toHaveLength(12 - FLOOR_OVERHEAD);
    tags.forEach((t) => expect(t.parent).toBe(stack.urn));
  });
});

describe("planning a synthetic network", () => {
  let resources: PlanResource[];
  beforeAll(async () => {
    resources = (await planStackConfig(syntheticStackConfig(2))).resources;
  });

  it("runs the real program with the synthetic config: one VPC per synthetic AWS site", () => {
    const counts = countByType(resources);
    expect(counts["aws:ec2/vpc:Vpc"]).toBe(2);
    expect(resources.find((r) => r.type === "aws:ec2/vpc:Vpc")!.inputs.cidrBlock).toBe("10.1.0.0/16");
  });
});

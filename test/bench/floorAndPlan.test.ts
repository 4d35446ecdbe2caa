import { FLOOR_OVERHEAD, runFloor, runReplay } from "../../tools/bench/floor";
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

describe("the replay floor", () => {
  it("registers the plan's cloud resources (not its components or providers) with their types and inputs, flat under the stack", async () => {
    const plan: PlanResource[] = [
      { urn: "urn:a", type: "callmyway:network:SiteNetwork", name: "use1", parent: null, dependencies: [], propertyDependencies: {}, inputs: {}, provider: null, custom: false },
      { urn: "urn:b", type: "pulumi:providers:aws", name: "use1-aws", parent: null, dependencies: [], propertyDependencies: {}, inputs: { region: "us-east-1" }, provider: null, custom: true },
      { urn: "urn:c", type: "aws:ec2/vpc:Vpc", name: "use1-vpc", parent: "urn:a", dependencies: [], propertyDependencies: {}, inputs: { cidrBlock: "10.0.0.0/16", tags: { tier: "network" } }, provider: "urn:b", custom: true },
      { urn: "urn:d", type: "aws:ec2/subnet:Subnet", name: "use1-core-0", parent: "urn:c", dependencies: ["urn:c"], propertyDependencies: { vpcId: ["urn:c"] }, inputs: { cidrBlock: "10.0.128.0/20", vpcId: "[unknown]" }, provider: "urn:b", custom: true },
    ];
    const replayed = await runReplay(plan);
    const stack = replayed.find((r) => r.type === "pulumi:pulumi:Stack")!;
    const cloud = replayed.filter((r) => r !== stack);
    expect(cloud.map((r) => [r.type, r.inputs])).toEqual([
      ["aws:ec2/subnet:Subnet", { cidrBlock: "10.0.128.0/20", vpcId: "[unknown]" }],
      ["aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16", tags: { tier: "network" } }],
    ]);
    cloud.forEach((r) => {
      expect(r.parent).toBe(stack.urn);
      expect(r.dependencies).toEqual([]);
    });
  });
});

import { FLOOR_OVERHEAD, runFloor, runReplay } from "../../tools/bench/floor";
import { syntheticStackConfig } from "../../tools/bench/syntheticNetwork";
import { PlanResource } from "../../tools/plan/capture";
import { StackRun, runEnvironment } from "../../tools/plan/scheduler";
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

describe("planning a synthetic environment", () => {
  let runs: Record<string, StackRun>;
  beforeAll(async () => {
    runs = await runEnvironment(syntheticStackConfig(2), { preview: true, live: true });
  });

  it("splits into valid part stacks that run the real program: one VPC in each site's stack, none elsewhere", () => {
    expect(Object.keys(runs)).toEqual(["bench-2", "bench-2-site01", "bench-2-site02", "bench-2-mesh-site02", "bench-2-dns"]);
    const vpcs = (name: string) => countByType(runs[name].resources)["aws:ec2/vpc:Vpc"] ?? 0;
    expect(["bench-2", "bench-2-site01", "bench-2-site02", "bench-2-mesh-site02", "bench-2-dns"].map(vpcs)).toEqual([0, 1, 1, 0, 0]);
    const vpc = runs["bench-2-site01"].resources.find((r) => r.type === "aws:ec2/vpc:Vpc")!;
    expect(vpc.inputs.cidrBlock).toBe("10.1.0.0/16");
    expect(countByType(runs["bench-2-mesh-site02"].resources)["aws:ec2transitgateway/peeringAttachment:PeeringAttachment"]).toBe(1);
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

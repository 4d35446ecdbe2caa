import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { runUnderMocks } from "../../tools/plan/capture";
import { ProviderMocks } from "../../tools/mocks";
import { AUTO_NAMES, autoNameFor, disabledDefaultProviders, qualifiedUrn } from "../../tools/mocks/engine";
import { runComponent } from "../harness/program";

class Box extends pulumi.ComponentResource {
  constructor(type: string, name: string, opts?: pulumi.ComponentResourceOptions) {
    super(type, name, {}, opts);
  }
}

/** Runs a program with a flat stack config, in preview unless told otherwise. */
function runWithConfig(config: Record<string, string>, program: () => void, preview = true) {
  return runUnderMocks({ project: "callmyway-network", stack: "test", config, preview, program });
}

describe("URNs as the engine builds them", () => {
  it("qualify a resource with every ancestor's type, and nothing for the root stack", async () => {
    const run = await runComponent(() => {
      const outer = new Box("callmyway:test:Outer", "outer");
      const inner = new Box("callmyway:test:Inner", "inner", { parent: outer });
      new aws.ec2.Vpc(
        "v",
        { cidrBlock: "10.0.0.0/16" },
        { parent: inner, provider: new aws.Provider("p", { region: "eu-west-1" }) },
      );
    });
    expect(run.named("callmyway:test:Outer", "outer").urn).toBe(
      "urn:pulumi:test::callmyway-network::callmyway:test:Outer::outer",
    );
    expect(run.named("callmyway:test:Inner", "inner").urn).toBe(
      "urn:pulumi:test::callmyway-network::callmyway:test:Outer$callmyway:test:Inner::inner",
    );
    expect(run.named("aws:ec2/vpc:Vpc", "v").urn).toBe(
      "urn:pulumi:test::callmyway-network::callmyway:test:Outer$callmyway:test:Inner$aws:ec2/vpc:Vpc::v",
    );
    expect(qualifiedUrn("s", "p", "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s", "a:b:C", "n")).toBe(
      "urn:pulumi:s::p::a:b:C::n",
    );
  });
});

describe("auto-names as the engine makes them", () => {
  it("append a hyphen and 7 hex characters, seeded by the URN, known in a preview", async () => {
    const names: Record<string, string> = {};
    const program = () => {
      const provider = new aws.Provider("p", { region: "eu-west-1" });
      // The same logical name under parents of different types: two URNs, two suffixes.
      ["a", "b"].forEach((parentName) => {
        const parent = new Box(`callmyway:test:Site${parentName.toUpperCase()}`, parentName);
        new aws.ec2.SecurityGroup("web", { description: "web", vpcId: "vpc-1" }, { parent, provider }).name.apply(
          (n) => (names[parentName] = n),
        );
      });
      new aws.ec2.SecurityGroup("named", { name: "exactly-this", description: "x", vpcId: "vpc-1" }, { provider });
    };
    const run = await runComponent(program, { preview: true });
    expect(names.a).toMatch(/^web-[0-9a-f]{7}$/);
    expect(names.b).toMatch(/^web-[0-9a-f]{7}$/);
    expect(names.a).not.toBe(names.b);
    const recorded = run
      .ofType("aws:ec2/securityGroup:SecurityGroup")
      .map((r) => r.inputs.name)
      .sort();
    expect(recorded).toEqual(["exactly-this", names.a, names.b].sort());
    const again: Record<string, string> = { ...names };
    await runComponent(program, { preview: true });
    expect(names).toEqual(again);
  });

  it("lowercase the kinds whose API wants lowercase, and leave a namePrefix to the provider", () => {
    expect(autoNameFor("aws:rds/instance:Instance", "Core-DB", "urn:x", {}).identifier).toMatch(
      /^core-db-[0-9a-f]{7}$/,
    );
    expect(autoNameFor("aws:cloudwatch/logGroup:LogGroup", "logs", "urn:x", { namePrefix: "/vpn/" })).toEqual({});
    expect(autoNameFor("aws:ec2/vpc:Vpc", "v", "urn:x", {})).toEqual({});
  });

  it("refuse a name that the suffix would push past the API's limit instead of truncating it", async () => {
    expect(AUTO_NAMES["aws:lb/loadBalancer:LoadBalancer"].maxLength).toBe(32);
    const longest = "a".repeat(32 - 8);
    expect(autoNameFor("aws:lb/loadBalancer:LoadBalancer", longest, "urn:x", {}).name).toHaveLength(32);
    expect(() => autoNameFor("aws:lb/loadBalancer:LoadBalancer", `${longest}b`, "urn:x", {})).toThrow(
      /name 'a{24}b' plus 7 random chars is longer than maximum length 32 \(aws:lb\/loadBalancer:LoadBalancer name, https:\/\/docs\.aws\.amazon\.com\//,
    );
    const mocks = new ProviderMocks({ preview: true });
    mocks.registering("urn:pulumi:test::p::aws:lb/targetGroup:TargetGroup::a-target-group-name-that-is-long");
    expect(() =>
      mocks.newResource({
        type: "aws:lb/targetGroup:TargetGroup",
        name: "a-target-group-name-that-is-long",
        inputs: {},
        provider: "p::id",
        custom: true,
      }),
    ).toThrow(
      /TargetGroup::a-target-group-name-that-is-long: name 'a-target-group-name-that-is-long' plus 7 random chars is longer than maximum length 32/,
    );
  });
});

describe("default providers disabled by the stack", () => {
  const disabled = { "pulumi:disable-default-providers": JSON.stringify(["aws"]) };

  it("reads the stack setting as the engine does (a list, or * for every package)", () => {
    expect(disabledDefaultProviders(disabled)).toEqual(["aws"]);
    expect(disabledDefaultProviders({ "pulumi:disable-default-providers": '["*"]' })).toEqual(["*"]);
    expect(disabledDefaultProviders({})).toEqual([]);
  });

  const mocks = new ProviderMocks({ preview: true, disabledDefaultProviders: disabledDefaultProviders(disabled) });

  it("refuse an invoke without a provider, and answer it through an explicit one", () => {
    expect(() =>
      mocks.call({ token: "aws:index/getCallerIdentity:getCallerIdentity", inputs: {}, provider: undefined }),
    ).toThrow(
      "Default provider for 'aws' disabled. 'aws:index/getCallerIdentity:getCallerIdentity' must use an explicit provider.",
    );
    expect(
      mocks.call({ token: "aws:index/getCallerIdentity:getCallerIdentity", inputs: {}, provider: "urn:p::p-id" })
        .accountId,
    ).toBe("123456789012");
  });

  it("refuse a resource without a provider, naming its URN; other packages keep their default", () => {
    mocks.registering("urn:pulumi:test::callmyway-network::aws:ec2/vpc:Vpc::v");
    expect(() =>
      mocks.newResource({ type: "aws:ec2/vpc:Vpc", name: "v", inputs: {}, provider: undefined, custom: true }),
    ).toThrow(
      "Default provider for 'aws' disabled. 'urn:pulumi:test::callmyway-network::aws:ec2/vpc:Vpc::v' must use an explicit provider.",
    );
    expect(
      mocks.newResource({
        type: "aws:ec2/vpc:Vpc",
        name: "v",
        inputs: { cidrBlock: "10.0.0.0/16" },
        provider: "urn:p::p-id",
        custom: true,
      }).state,
    ).toEqual({ cidrBlock: "10.0.0.0/16" });
    expect(
      mocks.newResource({
        type: "random:index/randomId:RandomId",
        name: "r",
        inputs: {},
        provider: undefined,
        custom: true,
      }).state,
    ).toEqual({});
  });

  it("let a program whose resources inherit a provider from their parent run", async () => {
    const run = await runWithConfig(disabled, () => {
      const parent = new Box("callmyway:test:Site", "site", {
        providers: [new aws.Provider("p", { region: "eu-west-1" })],
      });
      new aws.ec2.Vpc("v", { cidrBlock: "10.0.0.0/16" }, { parent });
      aws.getCallerIdentityOutput({}, { parent });
    });
    expect(run.resources.map((r) => r.type)).toContain("aws:ec2/vpc:Vpc");
  });
});

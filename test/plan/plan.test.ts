import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { diffMarkdown, diffPlans } from "../../tools/plan/diff";
import { EXIT, Io, main, parseArgs } from "../../tools/plan/cli";
import { PlanDocument, buildPlan, parsePlan, serializePlan } from "../../tools/plan/document";
import { summarize } from "../../tools/plan/summary";
import type { PreflightReport } from "../../tools/preflight";
import { SECRET, UNKNOWN } from "../../tools/plan/capture";
import { flattenStackConfig } from "../../tools/stackConfig";
import { ROOT, runComponent } from "../harness/program";
import { stackDocument } from "../harness/config";

function captureIo(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, log: (t) => out.push(t), error: (t) => err.push(t) };
}

/** A scratch project: the real program, with stack files written by the test. */
function scratchProject(stacks: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-test-"));
  fs.writeFileSync(path.join(dir, "index.ts"), `export = require(${JSON.stringify(path.join(ROOT, "index.ts"))});\n`);
  Object.entries(stacks).forEach(([name, doc]) =>
    fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), stringify(doc)),
  );
  return dir;
}

describe("offline plan document of a site stack", () => {
  let plan: PlanDocument;
  beforeAll(async () => {
    plan = await buildPlan("staging-use1");
  });

  it("records each registration with type token, parent, dependencies and inputs", () => {
    expect(plan.project).toBe("callmyway-network");
    expect(plan.stack).toBe("staging-use1");
    const stack = plan.resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
    expect(stack.urn).toBe(
      "urn:pulumi:staging-use1::callmyway-network::pulumi:pulumi:Stack::callmyway-network-staging-use1",
    );
    const vpc = plan.resources.find((r) => r.type === "aws:ec2/vpc:Vpc" && r.name === "use1-vpc")!;
    const network = plan.resources.find((r) => r.type === "callmyway:network:SiteNetwork" && r.name === "use1")!;
    expect(vpc.parent).toBe(network.urn);
    expect(network.parent).toBe(stack.urn);
    expect(vpc.inputs.cidrBlock).toBe("10.60.0.0/20");
    const subnet = plan.resources.find((r) => r.name === "use1-core-0" && r.type === "aws:ec2/subnet:Subnet")!;
    expect(subnet.dependencies).toContain(vpc.urn);
    expect(subnet.propertyDependencies.vpcId).toEqual([vpc.urn]);
  });

  it("leaves provider-computed values unknown, as a preview does", () => {
    const subnet = plan.resources.find((r) => r.name === "use1-core-0" && r.type === "aws:ec2/subnet:Subnet")!;
    expect(subnet.inputs.vpcId).toBe(UNKNOWN);
    expect(subnet.inputs.availabilityZone).toBe("us-east-1a");
  });

  it("sorts resources by URN and serializes byte-identically on a second run", async () => {
    const urns = plan.resources.map((r) => r.urn);
    expect(urns).toEqual([...urns].sort());
    const again = await buildPlan("staging-use1", ROOT, undefined, { live: true });
    expect(serializePlan(again)).toBe(serializePlan(plan));
  });

  it("summarizes by type and by site and tier", () => {
    const text = summarize(plan);
    expect(text).toMatch(/^Plan for stack staging-use1: \d+ registrations/);
    expect(text).toMatch(/\n\s+1\s+aws:ec2\/vpc:Vpc\n/);
    expect(text).toMatch(/\n {2}use1 +\d+/);
    expect(text).not.toMatch(/\n {2}euw1 +\d+/);
  });
});

describe("secrets in a plan", () => {
  it("shows secret inputs as [secret], never their value", async () => {
    const run = await runComponent(
      () => {
        new aws.ssm.Parameter("p", { type: "SecureString", value: pulumi.secret("hunter2-not-for-plans") });
      },
      { preview: true },
    );
    const parameter = run.named("aws:ssm/parameter:Parameter", "p");
    expect(parameter.inputs.value).toBe(SECRET);
    expect(JSON.stringify(run.resources)).not.toContain("hunter2");
  });

  it("treats secure stack values as secrets that cannot be read offline", () => {
    const flat = flattenStackConfig("x", {
      config: { "cloudflare:apiToken": { secure: "v1:abc" }, "callmyway-network:environment": "prod" },
    });
    expect(flat.secretKeys).toEqual(["cloudflare:apiToken"]);
    expect(flat.values["cloudflare:apiToken"]).not.toContain("v1:abc");
    expect(flat.values["callmyway-network:environment"]).toBe("prod");
  });
});

describe("plan command line", () => {
  it("parses its flags and refuses bad ones", () => {
    expect(parseArgs(["--stack", "prod"])).toEqual({
      stack: "prod",
      out: path.join(".plan", "prod.json"),
      baseline: undefined,
      diffOut: undefined,
    });
    expect(() => parseArgs([])).toThrow(/--stack is required/);
    expect(() => parseArgs(["--stack"])).toThrow(/--stack needs a value/);
    expect(() => parseArgs(["--stack", "prod", "--colour", "x"])).toThrow(/unknown argument --colour/);
    expect(() => parseArgs(["--stack", "../etc"])).toThrow(/not a stack name/);
    expect(() => parseArgs(["--stack", "--out", "x"])).toThrow(/--stack needs a value/);
    expect(() => parseArgs(["prod"])).toThrow(/unexpected argument prod/);
    expect(parseArgs(["--stack=prod"]).stack).toBe("prod");
  });

  it("exits 2 with the validation message on a bad config, and writes nothing", async () => {
    const doc = stackDocument("staging");
    doc.config["callmyway-network:capacity"] = { designLoadPercent: 65, scaleOutPercent: 60 };
    const dir = scratchProject({ broken: doc });
    const out = path.join(dir, "plan.json");
    const io = captureIo();
    await expect(main(["--stack", "broken", "--out", out], io, dir)).resolves.toBe(EXIT.usage);
    expect(io.err.join("\n")).toContain(
      "callmyway-network:capacity.scaleOutPercent: scale-out threshold (60%) must be above the design load (65%)",
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it("exits 2 on usage errors", async () => {
    const io = captureIo();
    await expect(main(["--stak", "prod"], io)).resolves.toBe(EXIT.usage);
    expect(io.err[0]).toMatch(/unknown argument --stak/);
  });

  it("writes the plan and, against a baseline, a Markdown diff of what changes", async () => {
    const base = stackDocument("staging");
    const head = stackDocument("staging");
    // One reviewed change: a NAT gateway per AZ instead of a single one.
    head.config["callmyway-network:sites"][0].natGateways = "perAz";
    // The baseline is the same stack before the change (URNs name the stack, so it must be the same one).
    const part = stackDocument("staging-use1");
    const baseDir = scratchProject({ staging: base, "staging-use1": part });
    const dir = scratchProject({ staging: head, "staging-use1": part });
    const io = captureIo();
    // Exit 1 only for what the preflight finds (defects other issues fix); a usage error would be 2.
    const exitFor = (file: string) =>
      (parsePlan(fs.readFileSync(file, "utf8"), file).preflight as PreflightReport).violations.length > 0
        ? EXIT.failed
        : EXIT.ok;
    expect(await main(["--stack", "staging-use1", "--out", path.join(dir, "base.json")], io, baseDir)).toBe(
      exitFor(path.join(dir, "base.json")),
    );
    const diffOut = path.join(dir, "diff.md");
    expect(
      await main(
        [
          "--stack",
          "staging-use1",
          "--out",
          path.join(dir, "head.json"),
          "--baseline",
          path.join(dir, "base.json"),
          "--diff-out",
          diffOut,
        ],
        io,
        dir,
      ),
    ).toBe(exitFor(path.join(dir, "head.json")));
    const markdown = fs.readFileSync(diffOut, "utf8");
    expect(markdown).toContain("### Offline plan diff: `staging-use1`");
    // The second AZ gets its own NAT (EIP + gateway), and its route tables now point at it.
    expect(markdown).toMatch(/\| `aws:ec2\/natGateway:NatGateway` \| use1-nat-1 \|/);
    expect(markdown).toMatch(/\| `aws:ec2\/eip:Eip` \| use1-nat-1 \|/);
    expect(parsePlan(fs.readFileSync(path.join(dir, "head.json"), "utf8"), "head.json").stack).toBe("staging-use1");
  });
});

describe("plan diff", () => {
  const resource = (name: string, inputs: Record<string, any>) => ({
    urn: `urn:pulumi:s::p::aws:ec2/vpc:Vpc::${name}`,
    type: "aws:ec2/vpc:Vpc",
    name,
    parent: null,
    dependencies: [],
    propertyDependencies: {},
    inputs,
    provider: null,
    custom: true,
  });
  const plan = (...resources: ReturnType<typeof resource>[]): PlanDocument => ({
    project: "p",
    stack: "s",
    resources,
    outputs: {},
  });

  it("reports added, removed and changed resources with the changed input paths", () => {
    const before = plan(
      resource("a", { cidrBlock: "10.0.0.0/16", tags: { tier: "network", site: "x" } }),
      resource("b", {}),
      resource("c", { x: 1 }),
    );
    const after = plan(
      resource("a", { cidrBlock: "10.1.0.0/16", tags: { tier: "core", site: "x" } }),
      resource("c", { x: 1 }),
      resource("d", {}),
    );
    const diff = diffPlans(before, after);
    expect(diff.added.map((r) => r.name)).toEqual(["d"]);
    expect(diff.removed.map((r) => r.name)).toEqual(["b"]);
    expect(diff.changed).toEqual([
      {
        urn: before.resources[0].urn,
        type: "aws:ec2/vpc:Vpc",
        name: "a",
        changedInputs: ["cidrBlock", "tags.tier"],
        replacingInputs: ["cidrBlock"],
      },
    ]);
    expect(diff.unchanged).toBe(1);
    const md = diffMarkdown(diff, "s");
    expect(md).toContain("**1 to replace, 0 to update in place, 0 may change, 1 to add, 1 to remove** (1 unchanged)");
    expect(md).toContain("#### Site x: 1 to replace, 0 may change");
    expect(md).toContain(
      "| **replace** | [`aws:ec2/vpc:Vpc`](https://www.pulumi.com/registry/packages/aws/api-docs/ec2/vpc/) | a | `cidrBlock` |",
    );
  });

  it("says so when nothing changes", () => {
    const same = plan(resource("a", { x: 1 }));
    expect(diffMarkdown(diffPlans(same, same), "s")).toContain("No changes.");
  });

  it("refuses a file that is not a plan", () => {
    expect(() => parsePlan("{", "x.json")).toThrow(/x.json is not JSON/);
    expect(() => parsePlan(JSON.stringify({ stack: "s" }), "x.json")).toThrow(/not a plan file/);
    expect(() => parsePlan(JSON.stringify({ stack: "s", resources: [{ urn: 1 }] }), "x.json")).toThrow(
      /resources\[0\] needs urn, type and inputs/,
    );
  });
});

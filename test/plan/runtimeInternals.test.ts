// The offline plan leans on @pulumi/pulumi internals that no setting exposes (tools/plan/capture.ts).
// These tests fail when an upgrade of the runtime moves them, instead of the plan silently slowing down.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { RESOURCE_CALLSITES, RUNTIME_DEBUGGABLE, STACK_REFERENCE_READS, runUnderMocks } from "../../tools/plan/capture";
import { spawnSync } from "child_process";
import * as path from "path";
import { planExecArgv } from "../../tools/nodeFlags";
import { partStackConfig, stacksOf } from "../../tools/plan/environment";
import { RUNTIME_RPC } from "../../tools/plan/lazyOutputs";
import { RUNTIME_STRUCT, usePlainStructs } from "../../tools/plan/plainStructs";
import { PROJECT_NAME, type StackConfig, readStackConfig } from "../../tools/stackConfig";
import { ROOT, runComponent } from "../harness/program";

const COMPONENT = { project: "internals", stack: "test", config: {}, preview: false } as const;

describe("runtime internals the plan relies on", () => {
  it("every resource constructor asks Resource.callsites for its call site", async () => {
    const original = RESOURCE_CALLSITES.callsites;
    const calls: number[] = [];
    let inProgram = false;
    const spy = () => {
      if (inProgram) calls.push(1);
      return original.call(pulumi.Resource);
    };
    // Installed inside the program: a run replaces callsites while it lasts (that is the measure tested).
    const run = await runComponent(() => {
      RESOURCE_CALLSITES.callsites = spy;
      inProgram = true;
      const provider = new aws.Provider("internals", { region: "us-east-1" });
      new aws.ec2.Vpc("internals", { cidrBlock: "10.0.0.0/16" }, { provider });
      inProgram = false;
    });
    expect(RESOURCE_CALLSITES.callsites).toBe(original);
    expect(run.resources.map((r) => r.type).sort()).toEqual([
      "aws:ec2/vpc:Vpc",
      "pulumi:providers:aws",
      "pulumi:pulumi:Stack",
    ]);
    expect(calls).toHaveLength(2);
  });

  it("records no call sites while a run lasts, and restores the runtime's afterwards", async () => {
    const original = RESOURCE_CALLSITES.callsites;
    let during: unknown[] | undefined;
    await runComponent(() => {
      during = RESOURCE_CALLSITES.callsites();
    });
    expect(during).toEqual([]);
    expect(RESOURCE_CALLSITES.callsites).toBe(original);
    expect(original.call(pulumi.Resource).length).toBeGreaterThan(0);
  });

  it("every output property of a resource goes through the exported debuggablePromise", async () => {
    const original = RUNTIME_DEBUGGABLE.debuggablePromise;
    let wrapped = 0;
    // The runtime's own transferProperties (a run makes output properties lazily: lazyOutputs.ts).
    const run = await runUnderMocks({
      ...COMPONENT,
      eagerOutputs: true,
      program: () => {
        // Installed inside the program, over the run's own replacement: counts what the runtime sends it.
        RUNTIME_DEBUGGABLE.debuggablePromise = (promise) => {
          wrapped++;
          return promise;
        };
        const provider = new aws.Provider("internals", { region: "us-east-1" });
        new aws.ec2.Vpc("internals", { cidrBlock: "10.0.0.0/16" }, { provider });
      },
    });
    expect(run.resources).toHaveLength(3);
    // A VPC declares some twenty output properties, four promises each (value, known, secret, deps).
    expect(wrapped).toBeGreaterThan(4 * 20);
    expect(RUNTIME_DEBUGGABLE.debuggablePromise).toBe(original);
  });

  it("leaves promises unwrapped while a run lasts, and restores the runtime's wrapper afterwards", async () => {
    const original = RUNTIME_DEBUGGABLE.debuggablePromise;
    const probe = Promise.resolve(1);
    let during: Promise<number> | undefined;
    await runComponent(() => {
      during = RUNTIME_DEBUGGABLE.debuggablePromise(probe, "probe");
    });
    expect(during).toBe(probe);
    expect(RUNTIME_DEBUGGABLE.debuggablePromise).toBe(original);
    // The runtime's own wrapper chains a new promise and marks it for its leak detector.
    const wrapped = original(Promise.resolve(2), "probe") as Promise<number> & { _debugCtx?: unknown };
    expect(wrapped).not.toBe(probe);
    await expect(wrapped).resolves.toBe(2);
  });

  it("exports the RPC drain the plan waits on", () => {
    // Exported but not declared in the typings: the plan calls it after every run.
    expect(typeof (settings as unknown as Record<string, unknown>).waitForRPCs).toBe("function");
  });

  it("every way of reading a StackReference output goes through getOutput or requireOutput, recorded per stack", async () => {
    const { getOutput, requireOutput } = STACK_REFERENCE_READS;
    const upstream = { a: 1, b: "two", c: { secret: true }, unread: 4 };
    let details: unknown;
    const run = await runUnderMocks({
      project: "internals",
      stack: "reader",
      config: {},
      preview: false,
      stackOutputs: (stack) => (stack === "upstream" ? upstream : undefined),
      program: async () => {
        const reference = new pulumi.StackReference("upstream-reference", { name: "organization/internals/upstream" });
        reference.getOutput("a");
        details = await reference.getOutputDetails("b");
        await reference.requireOutputValue("c");
        reference.getOutput(pulumi.output("d"));
      },
    });
    expect(details).toEqual({ value: "two" });
    // A name known only as an Output stands for every output.
    expect(run.reads).toEqual({ upstream: ["*", "a", "b", "c"] });
    expect(STACK_REFERENCE_READS.getOutput).toBe(getOutput);
    expect(STACK_REFERENCE_READS.requireOutput).toBe(requireOutput);
  });
});

describe("registrations without protobuf, outputs made on first read (plainStructs.ts, lazyOutputs.ts)", () => {
  it("every custom resource's output properties come from the exported transferProperties", async () => {
    const original = RUNTIME_RPC.transferProperties;
    const labels: string[] = [];
    await runUnderMocks({
      ...COMPONENT,
      eagerOutputs: true,
      program: () => {
        RUNTIME_RPC.transferProperties = (onto, label, props) => (labels.push(label), original(onto, label, props));
        const provider = new aws.Provider("internals", { region: "us-east-1" });
        new aws.ec2.Vpc("internals", { cidrBlock: "10.0.0.0/16" }, { provider });
      },
    });
    RUNTIME_RPC.transferProperties = original;
    expect(labels).toEqual(["resource:internals[pulumi:providers:aws]", "resource:internals[aws:ec2/vpc:Vpc]"]);
  });

  it("every registration's inputs and the mocks' answer go through the runtime's Struct.fromJavaScript", async () => {
    const made: unknown[] = [];
    await runUnderMocks({
      ...COMPONENT,
      program: () => {
        // Over the run's own replacement, so the runtime's calls are counted and still answered.
        const during = RUNTIME_STRUCT.fromJavaScript;
        RUNTIME_STRUCT.fromJavaScript = (value) => (made.push(value), during(value));
        const provider = new aws.Provider("internals", { region: "us-east-1" });
        new aws.ec2.Vpc("internals", { cidrBlock: "10.0.0.0/16" }, { provider });
      },
    });
    // Request and answer for the provider and the VPC at least (the stack's outputs too).
    expect(made.filter((v) => JSON.stringify(v).includes("10.0.0.0/16")).length).toBeGreaterThanOrEqual(2);
  });

  it("restores the runtime's functions when a run ends", async () => {
    const before = [
      RUNTIME_RPC.transferProperties,
      RUNTIME_STRUCT.fromJavaScript,
      RUNTIME_STRUCT.prototype.toJavaScript,
    ];
    await runComponent(() => {
      new aws.ec2.Vpc("internals", { cidrBlock: "10.0.0.0/16" });
    });
    expect([
      RUNTIME_RPC.transferProperties,
      RUNTIME_STRUCT.fromJavaScript,
      RUNTIME_STRUCT.prototype.toJavaScript,
    ]).toEqual(before);
  });

  it("a plain Struct answers what protobuf's would: keys sorted at every depth, a fresh copy, its fields, its errors", () => {
    const value = { b: [1, { z: true, a: null }], a: "x", c: { y: 2, x: "1" } };
    const restore = usePlainStructs();
    let plain: { toJavaScript(): unknown; getFieldsMap(): unknown };
    let again: unknown;
    let fields: { toJavaScript(): unknown; getFieldsMap(): unknown };
    try {
      plain = RUNTIME_STRUCT.fromJavaScript(value);
      again = RUNTIME_STRUCT.fromJavaScript(value);
      expect(() => RUNTIME_STRUCT.fromJavaScript({ a: undefined })).toThrow("Unexpected struct type.");
      fields = RUNTIME_STRUCT.fromJavaScript(value);
      fields.getFieldsMap();
    } finally {
      restore();
    }
    const real = RUNTIME_STRUCT.fromJavaScript(value);
    expect(JSON.stringify(plain.toJavaScript())).toBe(JSON.stringify(real.toJavaScript()));
    expect(JSON.stringify(plain.toJavaScript())).toBe('{"a":"x","b":[1,{"a":null,"z":true}],"c":{"x":"1","y":2}}');
    expect(plain.toJavaScript()).not.toBe(plain.toJavaScript());
    expect((again as typeof plain).toJavaScript()).toEqual(value);
    // A reader of the fields gets protobuf's Values, and toJavaScript then reads them.
    expect(JSON.stringify(fields.toJavaScript())).toBe(JSON.stringify(real.toJavaScript()));
    expect(() => RUNTIME_STRUCT.fromJavaScript({ a: undefined })).toThrow("Unexpected struct type.");
  });

  it("an output read before its resource registered, after, or never, and a failed registration, as the runtime has them", async () => {
    const observe = (eagerOutputs: boolean) => {
      const seen: unknown[] = [];
      return runUnderMocks({
        ...COMPONENT,
        eagerOutputs,
        program: async () => {
          const vpc = new aws.ec2.Vpc("internals", { cidrBlock: "10.0.0.0/16" });
          const parameter = new aws.ssm.Parameter("internals", {
            type: "SecureString",
            value: pulumi.secret("s3cret"),
          });
          const early = vpc.arn;
          await new Promise((resolve) => setTimeout(resolve, 20));
          const subnet = new aws.ec2.Subnet("internals", { vpcId: vpc.id, cidrBlock: vpc.cidrBlock });
          // Read after its registration came back: a secret output stays secret.
          pulumi.isSecret(parameter.value).then((secret) => seen.push({ secret }));
          seen.push(Object.keys(vpc).includes("arn"), Object.prototype.hasOwnProperty.call(vpc, "ownerId"));
          early.apply((arn) => seen.push(arn));
          pulumi.all([vpc.cidrBlock, subnet.arn]).apply((v) => seen.push(v));
          return { arn: vpc.arn, subnet: subnet.cidrBlock };
        },
        // An Output made after its value came back settles a few microtasks later than one made at
        // construction, so callbacks on different outputs may interleave otherwise: what each saw is
        // compared, not their order (the runtime promises no order; plans are sorted by URN).
      }).then((run) => ({
        resources: run.resources,
        outputs: run.outputs,
        seen: seen.map((v) => JSON.stringify(v)).sort(),
      }));
    };
    const [lazy, eager] = [await observe(false), await observe(true)];
    expect(lazy.seen).toHaveLength(5);
    expect(lazy.seen).toContain(JSON.stringify({ secret: true }));
    expect(lazy).toEqual(eager);
    // A registration the mocks refuse (its region's APIs are down) fails the run, named, and the runtime
    // rejects every output of the failed resource, most of them after the run: the same either way.
    const child = spawnSync(
      process.execPath,
      [...planExecArgv(ROOT), path.join(ROOT, "test", "harness", "refusedRegistration.ts")],
      { cwd: ROOT, encoding: "utf8", timeout: 30_000 },
    );
    const { lazy: refusedLazily, eager: refusedEagerly } = JSON.parse(child.stdout);
    expect(refusedLazily.error).toMatch(/failed to register new resource internals \[aws:ec2\/vpc:Vpc\]/);
    expect(refusedLazily.late).toBeGreaterThan(0);
    expect(refusedLazily).toEqual(refusedEagerly);
  });

  it("a whole site stack's preview and up are the runtime's, registration for registration", async () => {
    const environment = readStackConfig("staging", ROOT);
    const [shared, site] = stacksOf(environment);
    const runOf = (config: StackConfig, preview: boolean, runtimeOwn: boolean, upstreams = {}) =>
      runUnderMocks({
        project: PROJECT_NAME,
        stack: config.stack,
        config: config.values,
        secretKeys: config.secretKeys,
        preview,
        protobufStructs: runtimeOwn,
        eagerOutputs: runtimeOwn,
        stackOutputs: (stack) => (upstreams as Record<string, Record<string, unknown>>)[stack],
        // As the runtime loads a program (and tools/plan/programRun.ts does): by requiring its main module.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        program: () => require(path.join(ROOT, "index.ts")),
      });
    const sharedConfig = partStackConfig(environment, shared);
    const upstreams = { [shared.name]: (await runOf(sharedConfig, false, false)).wireOutputs };
    expect((await runOf(sharedConfig, false, true)).wireOutputs).toEqual(upstreams[shared.name]);
    for (const preview of [true, false]) {
      const [plain, runtime] = [
        await runOf(partStackConfig(environment, site), preview, false, upstreams),
        await runOf(partStackConfig(environment, site), preview, true, upstreams),
      ];
      expect(plain.resources.length).toBeGreaterThan(200);
      expect(JSON.stringify(plain)).toBe(JSON.stringify(runtime));
    }
  }, 60_000);
});

// The offline plan leans on @pulumi/pulumi internals that no setting exposes (tools/plan/capture.ts).
// These tests fail when an upgrade of the runtime moves them, instead of the plan silently slowing down.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { RESOURCE_CALLSITES, RUNTIME_DEBUGGABLE, STACK_REFERENCE_READS, runUnderMocks } from "../../tools/plan/capture";
import { runComponent } from "../harness/program";

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
    const run = await runComponent(() => {
      // Installed inside the program, over the run's own replacement: counts what the runtime sends it.
      RUNTIME_DEBUGGABLE.debuggablePromise = (promise) => {
        wrapped++;
        return promise;
      };
      const provider = new aws.Provider("internals", { region: "us-east-1" });
      new aws.ec2.Vpc("internals", { cidrBlock: "10.0.0.0/16" }, { provider });
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

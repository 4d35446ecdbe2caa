import { ownerOf, summarizeProfile } from "../../tools/bench/profile";

describe("CPU profile summary", () => {
  it("attributes frames to who owns the code", () => {
    expect(ownerOf("file:///w/node_modules/@pulumi/pulumi/runtime/debuggable.js")).toBe("@pulumi/pulumi");
    expect(ownerOf("/w/node_modules/@cspotcode/source-map-support/source-map-support.js")).toBe("ts-node (transpile, source maps)");
    expect(ownerOf("/w/components/network/siteNetwork.ts")).toBe("program (this repository)");
    expect(ownerOf("node:internal/errors")).toBe("node internals");
    expect(ownerOf("", "(garbage collector)")).toBe("V8 (garbage collector)");
  });

  it("sums self time per owner and per function from the samples", () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 9 });
    const summary = summarizeProfile({
      nodes: [
        { id: 1, callFrame: frame("(root)", "") },
        { id: 2, callFrame: frame("debuggablePromise", "/w/node_modules/@pulumi/pulumi/runtime/debuggable.js") },
        { id: 3, callFrame: frame("build", "/w/components/site.ts") },
      ],
      samples: [2, 2, 3, 2],
      timeDeltas: [1000, 2000, 500, 500],
    });
    expect(summary.totalMs).toBe(4);
    expect(summary.byOwner).toEqual([
      { owner: "@pulumi/pulumi", ms: 3.5 },
      { owner: "program (this repository)", ms: 0.5 },
    ]);
    expect(summary.topFunctions[0]).toEqual({ fn: "debuggablePromise debuggable.js:10", owner: "@pulumi/pulumi", ms: 3.5 });
  });
});

// The offline engine agrees with the real pack: @pulumi/policy's analyzer server (policies/index.ts, in a
// child process) and tools/policy/engine.ts report the same violations for the same plan.
import { environmentPlan, mutateOneStack } from "../harness/environmentPlan";
import { evaluatePolicies } from "../../tools/policy/engine";
import { policyConfigForStack } from "../../tools/policy/fromStack";
import { AnalyzerServer } from "./analyzerServer";
import { MUTATIONS } from "./mutationTable";
import { REAL_MUTATIONS } from "./realMutations";
import { PACK_ENFORCEMENT_LEVEL } from "../../policies/lib/rule";
import { CLOUDFLARE_IPV4, CLOUDFLARE_IPV6 } from "../../tools/mocks/invokes";
import * as http from "http";
import { AddressInfo } from "net";

const key = (v: { policy: string; enforcementLevel: string; urn: string; message: string }) =>
  `${v.policy} | ${v.enforcementLevel} | ${v.urn} | ${v.message}`;

describe("offline engine vs the pack's analyzer server", () => {
  let server: AnalyzerServer;
  // Cloudflare's API as the real pack reads it (GET /client/v4/ips), answering what the mocks hand the program.
  const cloudflare = http.createServer((req, res) => {
    const found = req.method === "GET" && req.url === "/client/v4/ips";
    res.writeHead(found ? 200 : 404, { "content-type": "application/json" });
    res.end(
      JSON.stringify(
        found
          ? { success: true, result: { ipv4_cidrs: CLOUDFLARE_IPV4, ipv6_cidrs: CLOUDFLARE_IPV6 } }
          : { success: false },
      ),
    );
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => cloudflare.listen(0, "127.0.0.1", resolve));
    server = await AnalyzerServer.start();
  });
  afterAll(async () => {
    await server?.stop();
    await new Promise((resolve) => cloudflare.close(resolve));
  });

  it("report the same violations on the staging plan broken by every mutation at once", async () => {
    const generated = policyConfigForStack("staging");
    const plan = await environmentPlan("staging", generated);
    // Each mutation breaks the first stack that has what it breaks; both engines judge the same union.
    const mutations = [...MUTATIONS, ...REAL_MUTATIONS];
    mutations.forEach((m) => {
      const { stack, resources } = mutateOneStack(plan, m.mutate);
      plan.resources = [...plan.resources.filter((r) => !r.urn.startsWith(`urn:pulumi:${stack}::`)), ...resources];
    });
    const cloudflareIpsUrl = `http://127.0.0.1:${(cloudflare.address() as AddressInfo).port}/client/v4/ips`;
    const config = {
      ...generated,
      "web-ingress-only-from-cloudflare": {
        ...(generated["web-ingress-only-from-cloudflare"] as object),
        cloudflareIpsUrl,
      },
      "reachability-matches-design": {
        ...(generated["reachability-matches-design"] as object),
        cloudflareIpsUrl,
      },
    };
    await server.configure(config);
    const real = (await server.evaluate(plan.resources)).map(key).sort();
    const offline = (await evaluatePolicies(plan.resources, { config, packEnforcementLevel: PACK_ENFORCEMENT_LEVEL }))
      .map(key)
      .sort();
    expect(new Set(real.map((k) => k.split(" | ")[0]))).toEqual(new Set(mutations.flatMap((m) => m.policies)));
    expect(offline).toEqual(real);
  });
});

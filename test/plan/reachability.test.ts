// The reachability figure of the real prod plan: whole in the plan file, compact in the terminal.
import { validateConfig } from "../../config";
import { formatReachability, planReachability, ReachabilityRow } from "../../tools/plan/reachability";
import { rawProjectConfig, readStackConfig } from "../../tools/stackConfig";
import { runStack } from "../harness/program";

describe("reachability figure of the prod plan", () => {
  // What tools/plan/document.ts puts in the plan file, from the shared preview run of prod.
  const plan = { reachability: [] as ReachabilityRow[] };
  const config = validateConfig(rawProjectConfig(readStackConfig("prod").values));
  const awsSites = config.sites
    .filter((s) => s.kind === "aws")
    .map((s) => s.name)
    .sort();
  beforeAll(async () => {
    plan.reachability = planReachability((await runStack("prod", { preview: true })).resources, config);
  });

  it("lets every carrier and customer reach every site's SBCs on SIP, SIP-TLS and RTP, and Cloudflare the web entry on 80 and 443", () => {
    const reach = (source: string, tier: string) =>
      [
        ...new Set(
          plan.reachability
            .filter((r) => r.source === source && r.tier === tier)
            .map((r) => `${r.site} ${r.protocol}/${r.fromPort}`),
        ),
      ].sort();
    [...config.carriers, ...config.customers].forEach((c) =>
      expect(reach(c.name, "sbc")).toEqual(
        awsSites
          .flatMap((s) => [`${s} tcp/5060`, `${s} tcp/5061`, `${s} udp/${config.ports.rtp.from}`, `${s} udp/5060`])
          .sort(),
      ),
    );
    expect(reach("Cloudflare", "web")).toEqual(awsSites.flatMap((s) => [`${s} tcp/443`, `${s} tcp/80`]).sort());
  });

  it("keeps the internet out and data behind core: no other public source, and data reached from core only on the database port", () => {
    expect(plan.reachability.filter((r) => ["internet", "private"].includes(r.sourceKind))).toEqual([]);
    const intoData = plan.reachability.filter((r) => r.tier === "data");
    expect(intoData.length).toBeGreaterThan(0);
    intoData.forEach((r) =>
      expect([r.sourceTier, r.protocol, r.fromPort, r.toPort]).toEqual([
        "core",
        "tcp",
        config.ports.database,
        config.ports.database,
      ]),
    );
  });

  it("prints one line per source and destination tier, sites and ports merged", () => {
    const lines = formatReachability(plan.reachability).split("\n");
    const pairs = new Set(plan.reachability.map((r) => `${r.source}|${r.tier}`));
    expect(lines).toHaveLength(2 + pairs.size);
    expect(lines).toContain(`  ${"Cloudflare".padEnd(24)} -> web    ${awsSites.join(",").padEnd(16)} tcp/80 tcp/443`);
  });
});

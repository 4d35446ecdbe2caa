// The exposure figure is computed from config; the firewall is built by the pools. This checks that
// the figure tells the truth: every port open to a public CIDR, and nothing else.
import { exposureFigures } from "../../lib/figures";
import { isPublic, mustParseCidr } from "../../lib/ipv4";
import { CLOUDFLARE_IPV4 } from "../../tools/mocks";
import { stackConfig } from "../harness/config";
import { Run, runStack } from "../harness/program";

describe.each(["prod", "staging"] as const)("the %s exposure figure and the security groups it describes", (stack) => {
  let run: Run;
  const config = stackConfig(stack);
  beforeAll(async () => {
    run = await runStack(stack);
  });

  it("lists exactly the (site, tier, protocol, ports, CIDR) tuples that security groups open to public CIDRs", () => {
    const opened = run
      .ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
      .filter((r) => typeof r.inputs.cidrIpv4 === "string" && isPublic(mustParseCidr(r.inputs.cidrIpv4)))
      .map((r) => {
        const tags = r.inputs.tags as Record<string, string>;
        return `${tags.site} ${tags.tier} ${r.inputs.ipProtocol}/${r.inputs.fromPort}-${r.inputs.toPort} ${r.inputs.cidrIpv4}`;
      });
    // Security-group-backed entries only: the Client VPN and IPsec endpoints are AWS-managed.
    const figured = exposureFigures(config, CLOUDFLARE_IPV4)
      .filter((p) => p.tier !== "network")
      .flatMap((p) => p.sources.map((s) => `${p.site} ${p.tier} ${p.protocol}/${p.fromPort}-${p.toPort} ${s.cidr}`));
    expect(opened.length).toBeGreaterThan(0);
    expect([...new Set(opened)].sort()).toEqual([...new Set(figured)].sort());
  });
});

// The network model: one derivation of sites, firewall, admin access and quotas from the config.
import { validateConfig } from "../../config";
import { isPublic, mustParseCidr } from "../../lib/ipv4";
import { exposureFromModel } from "../../lib/figures/exposure";
import {
  buildModel,
  ec2Description,
  homeSitesOf,
  listOf,
  quotaUses,
  ruleIdentity,
  tierCidr,
  withListsExpanded,
} from "../../lib/model";
import { CLOUDFLARE_IPV4 } from "../../tools/mocks/invokes";
import { rawStackConfig, stackConfig } from "../harness/config";
import { Run, runStack } from "../harness/program";

// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
const EC2_DESCRIPTION = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{0,255}$/;

describe("EC2 descriptions", () => {
  it("refuses an apostrophe where a description is built, naming what it describes and the character", () => {
    expect(() => ec2Description("HTTP from the site's ALB", "the ingress rule use1/web")).toThrow(
      /description of the ingress rule use1\/web "HTTP from the site's ALB" has "'", which EC2 refuses \(allowed: a-z, A-Z, 0-9, spaces and \._-:\/\(\)#,@\[\]\+=&;\{\}!\$\*\)/,
    );
    expect(() => ec2Description("x".repeat(256), "a group")).toThrow(/256 characters; EC2 takes at most 255/);
    expect(ec2Description("SIP/UDP from carrier atlas signalling [primary] #1 @ 64.16.12.0/29", "a rule")).toMatch(
      /^SIP/,
    );
  });

  describe.each(["prod", "staging"] as const)("every security group and rule the %s stack declares", (stack) => {
    let run: Run;
    beforeAll(async () => {
      run = await runStack(stack);
    });
    it("has a description EC2 accepts", () => {
      const described = [
        "aws:ec2/securityGroup:SecurityGroup",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
      ]
        .flatMap((type) => run.ofType(type))
        .map((r) => ({ name: r.name, description: r.inputs.description }));
      expect(described.length).toBeGreaterThan(100);
      expect(
        described.filter((d) => typeof d.description !== "string" || !EC2_DESCRIPTION.test(d.description)),
      ).toEqual([]);
    });
  });
});

describe("home sites", () => {
  it("complete a data centre that lists one home site, and the exposure figure opens IPsec at exactly those sites", () => {
    const raw = rawStackConfig("prod");
    const dc = raw.sites.find((s: { kind: string }) => s.kind === "onprem");
    dc.homeSites = ["sae1"];
    const config = validateConfig(raw);
    const model = buildModel(config);
    const homes = model.dataCentres.find((d) => d.site.name === dc.name)!.homeSites;
    expect(homes).toEqual(["sae1", config.sites.find((s) => s.kind === "aws" && s.name !== "sae1")!.name]);
    expect(homes).toEqual(homeSitesOf(config, config.sites.find((s) => s.name === dc.name) as never));
    const ike = exposureFromModel(model, CLOUDFLARE_IPV4).filter(
      (p) => p.service === "IKE" && p.sources.some((s) => s.owner === `data centre ${dc.name}`),
    );
    expect(ike.map((p) => p.site).sort()).toEqual([...homes].sort());
  });
});

/** A small seeded generator, so property cases are the same on every run. */
function prng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe("the firewall of generated networks (property cases)", () => {
  const random = prng(20261202);
  const cases = Array.from({ length: 25 }, (_, n) => {
    const raw = rawStackConfig(n % 2 === 0 ? "prod" : "staging");
    const pick = (max: number) => 1 + Math.floor(random() * max);
    const block = () => `${64 + pick(30)}.${pick(250)}.${pick(250)}.0/29`;
    raw.carriers = raw.carriers.map((c: { name: string }) => ({
      ...c,
      signallingCidrs: Array.from({ length: pick(3) }, block),
      mediaCidrs: Array.from({ length: pick(3) }, block),
    }));
    // Customers sometimes share a carrier's signalling block: an entry on both lists.
    raw.customers = Array.from({ length: pick(3) }, (_, i) => ({
      name: `customer-${i}`,
      sipCidrs: random() < 0.3 ? [raw.carriers[0].signallingCidrs[0]] : [block()],
    }));
    raw.awsQuotas = { ...raw.awsQuotas, securityGroupRulesPerDirection: 1000 };
    return validateConfig(raw);
  });

  it.each(cases.map((config, i) => ({ i, config })))(
    "case $i: rules are unique, SBC internet peers are allowlisted, the SBC admits SIP on all three ports from every allowlisted CIDR",
    ({ config }) => {
      const { firewall } = buildModel(config);
      const ids = firewall.rules.map(ruleIdentity);
      expect(new Set(ids).size).toBe(ids.length);
      const allowlisted = new Set([
        ...config.carriers.flatMap((c) => [...c.signallingCidrs, ...c.mediaCidrs]),
        ...config.customers.flatMap((c) => c.sipCidrs),
      ]);
      const sbcRules = firewall.rules.filter((r) => r.group.role === "sbc" && r.direction === "in");
      // The SBC's rules name its own site's lists (or its core group), never a block one by one.
      sbcRules.forEach((r) => {
        if (r.peer.kind === "list") expect(r.peer.list.site).toBe(r.group.site);
        else expect(r.peer).toEqual({ kind: "group", group: { site: r.group.site, role: "core" } });
      });
      const sbcIn = withListsExpanded(sbcRules, firewall);
      sbcIn.forEach((r) => {
        if (r.peer.kind === "cidr") expect(allowlisted.has(r.peer.cidr)).toBe(true);
      });
      const signalling = new Set([
        ...config.carriers.flatMap((c) => c.signallingCidrs),
        ...config.customers.flatMap((c) => c.sipCidrs),
      ]);
      config.sites
        .filter((s) => s.kind === "aws")
        .forEach((site) =>
          signalling.forEach((cidr) => {
            const ports = sbcIn
              .filter(
                (r) =>
                  r.group.site === site.name &&
                  r.peer.kind === "cidr" &&
                  r.peer.cidr === cidr &&
                  r.service.startsWith("SIP"),
              )
              .map((r) => `${r.protocol}/${r.fromPort}`);
            // A block on two lists (a customer sharing a carrier's block) is admitted by both lists' rules.
            expect([...new Set(ports)].sort()).toEqual(["tcp/5060", "tcp/5061", "udp/5060"]);
          }),
        );
      // Only the SBCs and the web entry take anything from public addresses.
      withListsExpanded(firewall.rules, firewall)
        .filter((r) => r.direction === "in" && r.peer.kind === "cidr" && isPublic(mustParseCidr(r.peer.cidr)))
        .forEach((r) => expect(["sbc"]).toContain(r.group.role));
      firewall.rules.filter((r) => r.peer.kind === "published").forEach((r) => expect(r.group.role).toBe("alb"));
      // The quota check counts these very rules, a rule on a list as many as its entries (as AWS does).
      const counted = quotaUses(buildModel(config))
        .filter((u) => u.key === "securityGroupRulesPerDirection")
        .reduce((n, u) => n + u.needed, 0);
      expect(counted).toBe(
        firewall.rules
          .filter((r) => r.peer.kind !== "published")
          .reduce((n, r) => n + (r.peer.kind === "list" ? listOf(firewall, r.peer.list).entries.length : 1), 0),
      );
    },
  );
});

describe("the database", () => {
  it("admits PostgreSQL only from cores: its site's group, other AWS sites' core blocks (primary)", () => {
    const config = stackConfig("prod");
    const { firewall } = buildModel(config);
    const rules = firewall.rules.filter((r) => r.group.role === "database" && r.group.site === config.database.site);
    // The other sites' cores come as one rule on the primary site's remote-cores list (no data centre on it).
    expect(rules.filter((r) => r.peer.kind === "list").map((r) => r.peer)).toEqual([
      { kind: "list", list: { site: config.database.site, list: "remote-cores" } },
    ]);
    const primary = withListsExpanded(rules, firewall);
    const cores = config.sites
      .filter((s) => s.kind === "aws" && s.name !== config.database.site)
      .map((s) => tierCidr(s.cidr, "core"));
    expect(
      primary
        .map((r) =>
          r.peer.kind === "cidr"
            ? r.peer.cidr
            : r.peer.kind === "group"
              ? `${r.peer.group.site}/${r.peer.group.role}`
              : "list",
        )
        .sort(),
    ).toEqual([`${config.database.site}/core`, ...cores].sort());
    primary.forEach((r) =>
      expect([r.protocol, r.fromPort, r.toPort, r.direction]).toEqual([
        "tcp",
        config.ports.database,
        config.ports.database,
        "in",
      ]),
    );
  });
});

// Security-group rules that admit customer-managed prefix lists are judged by what the lists hold
// (inline entries and separate entry resources), and a list the stack does not declare counts as the
// whole internet: the rules judge what is connected, not what a list's name promises.
import type { Rule } from "../../policies/lib/rule";
import { noAdminPortsFromInternet } from "../../policies/rules/noAdminPortsFromInternet";
import { noInternetIngressOutsideEdgeTiers } from "../../policies/rules/noInternetIngressOutsideEdgeTiers";
import { sbcIngressOnlyFromAllowlists } from "../../policies/rules/sbcIngressOnlyFromAllowlists";
import { webIngressOnlyFromCloudflare } from "../../policies/rules/webIngressOnlyFromCloudflare";
import { reachabilityMatchesDesign } from "../../policies/rules/reachabilityMatchesDesign";
import { describePorts, figureRows, reachability } from "../../policies/lib/reachability";
import { evaluatePolicies } from "../../tools/policy/engine";
import { PlanResource, UNKNOWN } from "../../tools/plan/capture";
import { check, failing, res, T, tags } from "./fixtures";
import { NAMED_SOURCES, site } from "./siteFixture";

const PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";
const PREFIX_LIST_ENTRY = "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry";
const FOREIGN_LIST_ID = "pl-0123456789abcdef0";

const prefixList = (name: string, cidrs: string[]) =>
  res(PREFIX_LIST, name, {
    name,
    addressFamily: "IPv4",
    maxEntries: cidrs.length,
    entries: cidrs.map((cidr) => ({ cidr, description: `${name} ${cidr}` })),
  });
const separateEntry = (list: PlanResource, cidr: string) =>
  res(PREFIX_LIST_ENTRY, `${list.name}-${cidr}`, { cidr }, { prefixListId: list });

interface Opening {
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
}

/** The list an opening admits: a ManagedPrefixList of the stack, or a literal id the stack does not declare. */
type ListRef = PlanResource | typeof FOREIGN_LIST_ID;

/** The three shapes a rule can take; each returns the resources the shape needs (the group included). */
const SHAPES: Record<string, (tier: string, opening: Opening, list: ListRef) => PlanResource[]> = {
  "a SecurityGroupIngressRule": (tier, o, list) => {
    const group = res(T.sg, `${tier}-sg`, { tags: tags(tier) });
    const inputs = { ipProtocol: o.protocol, fromPort: o.fromPort, toPort: o.toPort };
    return [
      group,
      typeof list === "string"
        ? res(T.ingress, "rule", { ...inputs, prefixListId: list }, { securityGroupId: group })
        : res(T.ingress, "rule", inputs, { securityGroupId: group, prefixListId: list }),
    ];
  },
  "a SecurityGroupRule": (tier, o, list) => {
    const group = res(T.sg, `${tier}-sg`, { tags: tags(tier) });
    const ids = typeof list === "string" ? [list] : [UNKNOWN];
    return [
      group,
      res(
        T.sgRule,
        "rule",
        { type: "ingress", protocol: o.protocol, fromPort: o.fromPort, toPort: o.toPort, prefixListIds: ids },
        { securityGroupId: group, ...(typeof list === "string" ? {} : { prefixListIds: list }) },
      ),
    ];
  },
  "an inline SecurityGroup ingress block": (tier, o, list) => [
    res(
      T.sg,
      "rule",
      {
        tags: tags(tier),
        ingress: [{ ...o, prefixListIds: [typeof list === "string" ? list : UNKNOWN] }],
      },
      typeof list === "string" ? {} : { ingress: list },
    ),
  ],
};

interface Case {
  readonly rule: Rule;
  readonly tier: string;
  readonly opening: Opening;
  readonly compliant: string[];
  /** A public CIDR the rule refuses on this opening. */
  readonly refused: string;
  readonly config?: Record<string, unknown>;
}

const SBC_CONFIG = {
  allowedCidrs: ["64.16.10.0/28", "64.16.64.0/24", "91.121.30.0/29"],
  allowedPortRanges: [{ fromPort: 5060, toPort: 5061 }],
};

const CASES: Case[] = [
  {
    rule: noInternetIngressOutsideEdgeTiers,
    tier: "core",
    opening: { protocol: "udp", fromPort: 5060, toPort: 5060 },
    compliant: ["10.20.128.0/18", "10.30.128.0/18"], // the peer sites' cores
    refused: "198.51.100.0/24",
  },
  {
    rule: noAdminPortsFromInternet,
    tier: "core",
    opening: { protocol: "tcp", fromPort: 22, toPort: 22 },
    compliant: ["10.250.0.0/22"], // the admin VPN
    refused: "198.51.100.0/24",
  },
  {
    rule: sbcIngressOnlyFromAllowlists,
    tier: "sbc",
    opening: { protocol: "udp", fromPort: 5060, toPort: 5060 },
    compliant: ["64.16.10.0/28", "91.121.30.0/29", "10.10.128.0/18"], // carrier, customer, own core
    refused: "198.51.100.0/24",
    config: SBC_CONFIG,
  },
  {
    rule: webIngressOnlyFromCloudflare,
    tier: "web",
    opening: { protocol: "tcp", fromPort: 443, toPort: 443 },
    compliant: ["173.245.48.0/20", "104.16.0.0/13"],
    refused: "198.51.100.0/24",
  },
];

describe.each(CASES)("$rule.name through prefix lists", ({ rule, tier, opening, compliant, refused, config }) => {
  describe.each(Object.entries(SHAPES))("as %s", (_shape, shape) => {
    it("passes a list that holds only what the rule allows", async () => {
      const list = prefixList("peers", compliant);
      expect(await failing(rule, [list, ...shape(tier, opening, list)], config)).toEqual([]);
    });

    it("fails a list holding a refused public CIDR inline, naming the list and the entry", async () => {
      const list = prefixList("peers", [...compliant, refused]);
      const resources = [list, ...shape(tier, opening, list)];
      expect(await failing(rule, resources, config)).toEqual(["rule"]);
      const [violation] = await check(rule, resources, config);
      expect(violation.message).toContain(`${refused} in prefix list peers`);
    });

    it("fails a refused public CIDR added as a separate ManagedPrefixListEntry", async () => {
      const list = prefixList("peers", compliant);
      const resources = [list, separateEntry(list, refused), ...shape(tier, opening, list)];
      expect(await failing(rule, resources, config)).toEqual(["rule"]);
    });

    it("fails a literal prefix list id the stack does not declare, as the whole internet", async () => {
      const resources = shape(tier, opening, FOREIGN_LIST_ID);
      expect(await failing(rule, resources, config)).toEqual(["rule"]);
      const [violation] = await check(rule, resources, config);
      expect(violation.message).toContain(`0.0.0.0/0 in prefix list ${FOREIGN_LIST_ID} (not declared in this stack)`);
    });
  });

  it("ignores an entry on another list, and leaves out an entry whose CIDR is unknown at preview", async () => {
    const list = prefixList("peers", compliant);
    const other = prefixList("other", []);
    const unknownEntry = res(PREFIX_LIST_ENTRY, "computed", {}, { prefixListId: list, cidr: other });
    const resources = [
      list,
      other,
      separateEntry(other, refused),
      unknownEntry,
      ...SHAPES["a SecurityGroupIngressRule"](tier, opening, list),
    ];
    expect(await failing(rule, resources, config)).toEqual([]);
  });
});

describe("an id traced to something other than this stack's prefix lists", () => {
  it("counts as the whole internet (a list id read from another stack or a data source)", async () => {
    const core = res(T.sg, "core-sg", { tags: tags("core") });
    const elsewhere = res("pulumi:pulumi:StackReference", "prod-shared", { name: "org/callmyway-network/prod" });
    const rule = res(
      T.ingress,
      "core-from-shared-list",
      { ipProtocol: "udp", fromPort: 5060, toPort: 5060 },
      { securityGroupId: core, prefixListId: elsewhere },
    );
    expect(await failing(noInternetIngressOutsideEdgeTiers, [core, elsewhere, rule])).toEqual([
      "core-from-shared-list",
    ]);
  });

  it("counts the ids beyond the traced lists as foreign on a rule that names several", async () => {
    const core = res(T.sg, "core-sg", { tags: tags("core") });
    const peers = prefixList("peers", ["10.20.128.0/18"]);
    const rule = res(
      T.sgRule,
      "core-two-lists",
      { type: "ingress", protocol: "udp", fromPort: 5060, toPort: 5060, prefixListIds: [UNKNOWN, FOREIGN_LIST_ID] },
      { securityGroupId: core, prefixListIds: peers },
    );
    const [violation] = await check(noInternetIngressOutsideEdgeTiers, [core, peers, rule]);
    expect(violation.message).toContain(`prefix list ${FOREIGN_LIST_ID} (not declared in this stack)`);
    expect(violation.message).not.toContain("10.20.128.0/18");
  });
});

describe("reachability through prefix lists", () => {
  const input = {
    namedSources: NAMED_SOURCES,
    placementTiers: { publicHostTier: "sbc", publicLoadBalancerTier: "web", sharedTier: "network" },
  };
  const rowsOf = async (resources: PlanResource[]) => {
    let rows: string[] = [];
    const probe = {
      ...reachabilityMatchesDesign,
      validateStack: (args: Parameters<typeof reachabilityMatchesDesign.validateStack>[0]) => {
        rows = figureRows(reachability(args.resources, input)).map(
          (r) => `${r.source} -> ${r.site} ${r.tier} ${describePorts(r)}`,
        );
      },
    };
    await evaluatePolicies(resources, { rules: [probe] });
    return rows;
  };
  /** The site with its rule from the other site's core replaced by one through a list. */
  const throughList = (cidrs: string[], group = "core", port = 8443) => {
    const s = site();
    const peers = prefixList("use1-core-peers", cidrs);
    const viaList = res(
      T.ingress,
      "use1-core-api-from-peers",
      { ipProtocol: "tcp", fromPort: port, toPort: port },
      { securityGroupId: s.groups[group as keyof typeof s.groups], prefixListId: peers },
    );
    const withoutDirect = s.all.filter((r) => r.name !== "use1-core-api-from-other-core");
    return { withoutDirect, all: [...withoutDirect, peers, viaList] };
  };

  it("sees one site's core reach another's only through a list", async () => {
    const { withoutDirect, all } = throughList(["10.20.128.0/18"]);
    expect(await rowsOf(withoutDirect)).not.toContain("sae1 core -> use1 core tcp/8443");
    expect(await rowsOf(all)).toContain("sae1 core -> use1 core tcp/8443");
    expect(await failing(reachabilityMatchesDesign, all, { namedSources: NAMED_SOURCES })).toEqual([]);
  });

  it("fails an edge outside the design that only a list grants", async () => {
    const { all } = throughList(["10.20.64.0/18"], "db", 5432); // the other site's web tier to the database
    expect(await rowsOf(all)).toContain("sae1 web -> use1 data tcp/5432");
    expect(await failing(reachabilityMatchesDesign, all, { namedSources: NAMED_SOURCES })).toEqual([
      "use1-core-api-from-peers",
    ]);
  });
});

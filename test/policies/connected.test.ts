// Tiers derived from topology, and who reaches what (S2, S3, S8, S9): what is connected, not what is tagged.
import { describePorts, figureRows, reachability } from "../../policies/lib/reachability";
import { reachabilityMatchesDesign } from "../../policies/rules/reachabilityMatchesDesign";
import { tierTagsMatchTopology } from "../../policies/rules/tierTagsMatchTopology";
import { evaluatePolicies } from "../../tools/policy/engine";
import { PlanResource } from "../../tools/plan/capture";
import { failing, res, T, tags } from "./fixtures";
import { NAMED_SOURCES, site } from "./siteFixture";

const retag = (r: PlanResource, tier: string) =>
  (r.inputs.tags = { ...(r.inputs.tags as Record<string, string>), tier });
const repoint = (r: PlanResource, key: string, to: PlanResource) => (r.propertyDependencies[key] = [to.urn]);

describe("tier-tags-match-topology", () => {
  it("passes the site as the program builds it", async () => {
    expect(await failing(tierTagsMatchTopology, site().all)).toEqual([]);
  });

  it("fails a data subnet given a default route, and a core subnet routed to the internet gateway", async () => {
    const s = site();
    const extra = [
      res(
        T.route,
        "data-default",
        { destinationCidrBlock: "0.0.0.0/0" },
        { routeTableId: s.tables.data, natGatewayId: s.nat },
      ),
      res(
        T.route,
        "core-shortcut",
        { destinationCidrBlock: "0.0.0.0/0" },
        { routeTableId: s.tables.core, gatewayId: s.igw },
      ),
    ];
    expect(await failing(tierTagsMatchTopology, [...s.all, ...extra])).toEqual(["use1-core", "use1-data"]);
  });

  it("fails a data subnet whose route table has an inline default route", async () => {
    const s = site();
    s.tables.data.inputs.routes = [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0123" }];
    expect(await failing(tierTagsMatchTopology, s.all)).toEqual(["use1-data"]);
  });

  it("fails every resource whose tag disagrees with where it sits, whatever the tag claims", async () => {
    const s = site();
    retag(s.templates.core, "sbc"); // a core template claiming to be an SBC's
    retag(s.groups.db, "core"); // the database's group claiming core
    retag(s.alb, "sbc"); // an internet-facing load balancer is the web entry
    s.pools.web.inputs.tags = Object.entries(tags("data")).map(([key, value]) => ({
      key,
      value,
      propagateAtLaunch: false,
    }));
    expect(await failing(tierTagsMatchTopology, s.all)).toEqual([
      "use1-alb",
      "use1-core-lt",
      "use1-db-sg",
      "use1-web-asg",
    ]);
  });

  it("fails a core pool moved onto the public edge: the group, its template and its security group", async () => {
    const s = site();
    repoint(s.pools.core, "vpcZoneIdentifiers", s.edge);
    expect(await failing(tierTagsMatchTopology, s.all)).toEqual(["use1-core-asg", "use1-core-lt", "use1-core-sg"]);
  });

  it("fails a database placed in core subnets, and a group shared by two tiers", async () => {
    const s = site();
    repoint(s.subnetGroup, "subnetIds", s.core);
    s.templates.web.propertyDependencies.vpcSecurityGroupIds = [s.groups.core.urn];
    expect(await failing(tierTagsMatchTopology, s.all)).toEqual(["use1-core-sg", "use1-db", "use1-db-sg"]);
  });

  it("takes the tiers of public placements and isolated tiers from config", async () => {
    const s = site();
    expect(
      await failing(tierTagsMatchTopology, s.all, { publicHostTier: "web", noDefaultRouteTiers: ["data", "core"] }),
    ).toEqual(["use1-core", "use1-sbc-1", "use1-sbc-lt", "use1-sbc-sg"]);
  });
});

describe("reachability", () => {
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

  it("names every one-hop edge of the site: allowlists to the SBC, Cloudflare to the ALB, tiers to core, core to data", async () => {
    expect(await rowsOf(site().all)).toEqual([
      "acme-pbx -> use1 sbc tcp/5061",
      "admin VPN -> use1 core tcp/8443",
      "carrier-atlas -> use1 sbc udp/10000-20000",
      "carrier-atlas -> use1 sbc udp/5060",
      "Cloudflare -> use1 web tcp/443",
      "mia-dc -> use1 core tcp/8443",
      "sae1 core -> use1 core tcp/8443",
      "use1 core -> use1 data tcp/5432",
      "use1 core -> use1 sbc udp/5060",
      "use1 sbc -> use1 core udp/5060",
      "use1 web -> use1 core tcp/8443",
      "use1 web -> use1 web tcp/80",
    ]);
  });

  it("needs a public path for public sources: a private group that admits the world is reached by nobody", async () => {
    const s = site();
    const worldToCore = s.ingress("core-world", s.groups.core, "tcp", 8443, "0.0.0.0/0");
    delete s.sbc.inputs.associatePublicIpAddress;
    const withoutEip = s.all.filter((r) => r.type !== T.eipAssociation);
    expect(
      (await rowsOf([...withoutEip, worldToCore])).filter((r) => /internet|carrier|acme|Cloudflare/.test(r)),
    ).toEqual(["Cloudflare -> use1 web tcp/443"]);
  });

  it("passes what a network ACL denies, and splits a wide CIDR into the named sources it covers", async () => {
    const s = site();
    const wide = s.ingress("db-from-10", s.groups.db, "tcp", 5432, "10.0.0.0/8");
    const deny = s.aclRule(s.acls.data, 90, "10.20.0.0/16", "deny");
    const rows = (await rowsOf([...s.all, wide, deny])).filter((r) => r.includes("data"));
    expect(rows).toEqual([
      "admin VPN -> use1 data tcp/5432",
      "mia-dc -> use1 data tcp/5432",
      "private 10.0.0.0/8 -> use1 data tcp/5432",
      "use1 core -> use1 data tcp/5432",
      "use1 data -> use1 data tcp/5432",
      "use1 edge -> use1 data tcp/5432",
      "use1 web -> use1 data tcp/5432",
    ]);
  });
});

describe("reachability-matches-design", () => {
  const config = { namedSources: NAMED_SOURCES };

  it("passes the site as the program builds it", async () => {
    expect(await failing(reachabilityMatchesDesign, site().all, config)).toEqual([]);
  });

  it("fails every edge outside the design, at the rule that grants it", async () => {
    const s = site();
    const extra = [
      s.ingress("db-from-web", s.groups.db, "tcp", 5432, s.groups.web), // data from a tier other than core
      s.ingress("db-from-admin", s.groups.db, "tcp", 5432, "10.250.0.0/22"),
      s.ingress("db-ssh-from-core", s.groups.db, "tcp", 22, s.groups.core),
      s.ingress("core-ssh-from-other-core", s.groups.core, "tcp", 22, "10.20.128.0/18"),
      s.ingress("core-from-own-core", s.groups.core, "tcp", 8443, "10.10.128.0/18"),
      s.ingress("core-from-data", s.groups.core, "tcp", 8443, s.groups.db),
      s.ingress("sbc-sip-world", s.groups.sbc, "udp", 5060, "0.0.0.0/0"),
      s.ingress("sbc-ssh-carrier", s.groups.sbc, "tcp", 22, "64.16.10.0/28"),
      s.ingress("alb-8080-cloudflare", s.groups.alb, "tcp", 8080, "173.245.48.0/20"),
      s.ingress("alb-https-carrier", s.groups.alb, "tcp", 443, "64.16.10.0/28"),
      res(
        T.ingress,
        "use1-sbc-all-carrier",
        { cidrIpv4: "64.16.10.0/28", ipProtocol: "-1" },
        { securityGroupId: s.groups.sbc },
      ),
    ];
    expect(await failing(reachabilityMatchesDesign, [...s.all, ...extra], config)).toEqual([
      "use1-alb-8080-cloudflare",
      "use1-alb-https-carrier",
      "use1-core-from-data",
      "use1-core-from-own-core",
      "use1-core-ssh-from-other-core",
      "use1-db-from-admin",
      "use1-db-from-web",
      "use1-db-ssh-from-core",
      "use1-sbc-all-carrier",
      "use1-sbc-sip-world",
      "use1-sbc-ssh-carrier",
    ]);
  });

  it("admits the core's internal SIP balancer (no security group, client addresses kept) on the SIP port only", async () => {
    const s = site();
    const balancer = [
      s.ingress("core-sip-udp-via-balancer", s.groups.core, "udp", 5060, "10.10.0.0/18"), // SBCs' calls, from edge
      s.ingress("core-sip-tcp-via-balancer", s.groups.core, "tcp", 5060, "10.10.0.0/18"),
      s.ingress("core-sip-balancer-health", s.groups.core, "tcp", 5060, "10.10.128.0/18"), // nodes in core subnets
    ];
    expect(await failing(reachabilityMatchesDesign, [...s.all, ...balancer], config)).toEqual([]);
    const beyond = [
      s.ingress("core-api-from-edge", s.groups.core, "tcp", 8443, "10.10.0.0/18"),
      s.ingress("core-udp-from-own-core", s.groups.core, "udp", 5060, "10.10.128.0/18"),
      s.ingress("core-sip-from-other-edge", s.groups.core, "udp", 5060, "10.20.0.0/18"),
    ];
    expect(await failing(reachabilityMatchesDesign, [...s.all, ...balancer, ...beyond], config)).toEqual([
      "use1-core-api-from-edge",
      "use1-core-sip-from-other-edge",
      "use1-core-udp-from-own-core",
    ]);
  });

  it("fails a database its security group admits from another tier, even when the network ACL blocks it (a second line, not the first)", async () => {
    const s = site();
    const fromWeb = s.ingress("db-from-sae1-web", s.groups.db, "tcp", 5432, "10.20.64.0/18");
    expect(await failing(reachabilityMatchesDesign, [...s.all, fromWeb], config)).toEqual(["use1-db-from-sae1-web"]);
    expect(
      await failing(
        reachabilityMatchesDesign,
        [...s.all, fromWeb, s.aclRule(s.acls.data, 90, "10.20.64.0/18", "deny")],
        config,
      ),
    ).toEqual(["use1-db-from-sae1-web"]);
  });

  it("takes the named ports from config", async () => {
    expect(
      await failing(reachabilityMatchesDesign, site().all, { ...config, corePorts: [5060], databasePorts: [3306] }),
    ).toEqual([
      "use1-core-api-from-admin",
      "use1-core-api-from-dc",
      "use1-core-api-from-other-core",
      "use1-core-api-from-web",
      "use1-db-from-core",
    ]);
  });
});

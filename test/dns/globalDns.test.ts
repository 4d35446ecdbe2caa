import * as pulumi from "@pulumi/pulumi";
import { validateEntryPoints } from "../../components/dns";
import { sbcFqdn, sipDomain, sipSrvName, webFqdns, webPoolName } from "../../components/dns/names";
import { NetworkConfig } from "../../config";
import { PlanResource } from "../../tools/plan/capture";
import { stackConfig } from "../harness/config";
import { DnsRun, T, albDnsName, awsSitesOf, runGlobalDns } from "./fixture";

const byName = (resources: PlanResource[]) => resources.map((r) => r.inputs.name as string);
const sorted = <X>(xs: X[]) => [...xs].sort();

describe("GlobalDns on the prod stack's config", () => {
  const config = stackConfig("prod");
  const { dns } = config;
  const sites = awsSitesOf(config);
  let run: DnsRun;
  beforeAll(async () => {
    run = await runGlobalDns(config);
  });

  const poolsOf = (fqdn: string) =>
    run.ofType(T.pool).filter((p) => sites.some((s) => p.inputs.name === webPoolName(fqdn, s.name)));
  const idOf = (pool: PlanResource) => run.poolIds[pool.name];

  it("gives every web hostname exactly one proxied load balancer, random steering, equal weights", () => {
    expect(sorted(byName(run.ofType(T.lb)))).toEqual(sorted(webFqdns(dns)));
    run.ofType(T.lb).forEach((lb) => {
      expect(lb.inputs).toMatchObject({
        zoneId: dns.zoneId,
        proxied: true,
        steeringPolicy: "random",
        enabled: true,
        sessionAffinity: "none",
      });
      expect(lb.inputs.randomSteering).toEqual({ defaultWeight: 1 });
      expect(lb.inputs.adaptiveRouting).toEqual({ failoverAcrossPools: true });
    });
  });

  it("puts one pool per AWS site behind each load balancer, falling back to the configured site", () => {
    webFqdns(dns).forEach((fqdn) => {
      const lb = run.ofType(T.lb).find((l) => l.inputs.name === fqdn)!;
      const pools = poolsOf(fqdn);
      expect(pools).toHaveLength(sites.length);
      expect(sorted(lb.inputs.defaultPools as string[])).toEqual(sorted(pools.map(idOf)));
      const fallback = pools.find((p) => p.inputs.name === webPoolName(fqdn, dns.fallbackSite!))!;
      expect(lb.inputs.fallbackPool).toBe(idOf(fallback));
    });
  });

  it("points each pool at its site's ALB with the hostname as Host header, health-checked by the shared monitor", () => {
    webFqdns(dns).forEach((fqdn) =>
      sites.forEach((site) => {
        const pool = run.ofType(T.pool).find((p) => p.inputs.name === webPoolName(fqdn, site.name))!;
        expect(pool.inputs).toMatchObject({
          accountId: dns.accountId,
          enabled: true,
          minimumOrigins: 1,
          monitor: run.monitorId,
        });
        expect(pool.inputs.origins).toEqual([
          {
            name: `${site.name}-alb`,
            address: albDnsName(config, site),
            enabled: true,
            weight: 1,
            header: { hosts: [fqdn] },
          },
        ]);
        expect(pool.inputs).not.toHaveProperty("notificationEmail");
      }),
    );
    expect(run.ofType(T.pool)).toHaveLength(webFqdns(dns).length * sites.length);
  });

  it("checks health over HTTPS with the configured path, interval, timeout and retries", () => {
    const monitors = run.ofType(T.monitor);
    expect(monitors).toHaveLength(1);
    expect(monitors[0].inputs).toMatchObject({
      accountId: dns.accountId,
      type: "https",
      method: "GET",
      path: dns.healthCheck.path,
      interval: dns.healthCheck.intervalSeconds,
      timeout: dns.healthCheck.timeoutSeconds,
      retries: dns.healthCheck.retries,
      expectedCodes: "2xx",
      allowInsecure: false,
      consecutiveDown: 1,
    });
  });

  it("mails pool and origin health changes of every web pool to the NOC", () => {
    const policies = run.ofType(T.policy);
    expect(policies).toHaveLength(1);
    expect(policies[0].inputs).toMatchObject({
      accountId: dns.accountId,
      alertType: "load_balancing_health_alert",
      enabled: true,
      mechanisms: { emails: [{ id: dns.notificationEmail }] },
    });
    const filters = policies[0].inputs.filters as Record<string, string[]>;
    expect(sorted(filters.poolIds)).toEqual(sorted(Object.values(run.poolIds)));
    expect(Object.keys(run.poolIds)).toHaveLength(run.ofType(T.pool).length);
    expect(sorted(filters.newHealths)).toEqual(["Healthy", "Unhealthy"]);
    expect(sorted(filters.eventSources)).toEqual(["origin", "pool"]);
  });

  it("gives every SBC exactly one DNS-only A record with its Elastic IP and the SBC TTL", () => {
    const aRecords = run.ofType(T.record).filter((r) => r.inputs.type === "A");
    const expected = sites.flatMap((s) =>
      Array.from({ length: s.pools.sbc.count }, (_, slot) => sbcFqdn(dns, s.name, slot)),
    );
    expect(sorted(byName(aRecords))).toEqual(sorted(expected));
    aRecords.forEach((r) => {
      expect(r.inputs).toMatchObject({ zoneId: dns.zoneId, proxied: false, ttl: dns.sbcRecordTtl });
      expect(r.inputs.content).toBe(run.sbcIps[r.inputs.name as string]);
      expect(r.inputs.content).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    });
  });

  it("lists every SBC once in each SRV set, on the transport's port, equal priority and weight", () => {
    const sbcs = Object.keys(run.sbcIps);
    expect(sbcs).toHaveLength(sites.reduce((n, s) => n + s.pools.sbc.count, 0));
    const expectedPorts = { "_sips._tcp": 5061, "_sip._tcp": 5060, "_sip._udp": 5060 };
    Object.entries(expectedPorts).forEach(([label, port]) => {
      const set = run
        .ofType(T.record)
        .filter((r) => r.inputs.type === "SRV" && r.inputs.name === `${label}.${sipDomain(dns)}`);
      expect(sorted(set.map((r) => (r.inputs.data as Record<string, unknown>).target as string))).toEqual(sorted(sbcs));
      set.forEach((r) => {
        expect(r.inputs).toMatchObject({ zoneId: dns.zoneId, ttl: dns.srvTtl, proxied: false, priority: 10 });
        expect(r.inputs.data).toEqual({ priority: 10, weight: 10, port, target: expect.any(String) });
      });
    });
    expect(run.ofType(T.record).filter((r) => r.inputs.type === "SRV")).toHaveLength(3 * sbcs.length);
  });

  it("publishes NAPTR records for the three transports, TLS first, each leading to its SRV set", () => {
    const naptr = run.ofType(T.record).filter((r) => r.inputs.type === "NAPTR");
    naptr.forEach((r) => expect(r.inputs).toMatchObject({ name: sipDomain(dns), ttl: dns.srvTtl, proxied: false }));
    const data = naptr
      .map((r) => r.inputs.data as Record<string, unknown>)
      .sort((a, b) => (a.order as number) - (b.order as number));
    expect(data.map((d) => [d.service, d.replacement, d.flags, d.regex])).toEqual([
      ["SIPS+D2T", sipSrvName(dns, "_sips._tcp"), "S", ""],
      ["SIP+D2T", sipSrvName(dns, "_sip._tcp"), "S", ""],
      ["SIP+D2U", sipSrvName(dns, "_sip._udp"), "S", ""],
    ]);
    expect(new Set(data.map((d) => d.order)).size).toBe(3);
  });

  it("creates nothing else, and every Cloudflare resource goes through the one Cloudflare provider", () => {
    const cloudflareResources = run.resources.filter((r) => r.custom && r.type.startsWith("cloudflare:"));
    // Prod's names sit one label below the zone: Universal SSL covers them, no advanced certificate.
    expect(new Set(cloudflareResources.map((r) => r.type))).toEqual(
      new Set([T.lb, T.pool, T.monitor, T.policy, T.record, T.ruleset]),
    );
    cloudflareResources.forEach((r) => expect(r.provider).toMatch(/pulumi:providers:cloudflare::cloudflare$/));
  });

  it("reports the failover figures from the config", () => {
    const h = dns.healthCheck;
    expect(run.failover).toEqual({
      webDetectionSeconds: h.intervalSeconds + (h.retries + 1) * h.timeoutSeconds,
      srvCacheSeconds: dns.srvTtl,
      sbcAddressCacheSeconds: dns.sbcRecordTtl,
    });
  });
});

describe("GlobalDns options", () => {
  const prod = stackConfig("prod");
  const withDns = (dns: Partial<NetworkConfig["dns"]>): NetworkConfig => ({ ...prod, dns: { ...prod.dns, ...dns } });

  it("lets srvPriorities prefer sites: the named site's SBCs get its priority, the others the default", async () => {
    const run = await runGlobalDns(withDns({ srvPriorities: { euw1: 20 } }));
    const srv = run.ofType(T.record).filter((r) => r.inputs.type === "SRV");
    srv.forEach((r) => {
      const target = (r.inputs.data as Record<string, unknown>).target as string;
      const expected = target.includes(".euw1.") ? 20 : 10;
      expect(r.inputs.priority).toBe(expected);
      expect((r.inputs.data as Record<string, unknown>).priority).toBe(expected);
    });
    expect(srv.filter((r) => r.inputs.priority === 20)).toHaveLength(3 * 3);
  });

  it("builds in preview, when ALB names, Elastic IPs and pool ids are still unknown", async () => {
    const run = await runGlobalDns(prod, { preview: true });
    expect(run.ofType(T.lb)).toHaveLength(prod.dns.webHostnames.length);
    run
      .ofType(T.record)
      .filter((r) => r.inputs.type === "A")
      .forEach((r) => expect(r.inputs.content).toBe("[unknown]"));
    run.ofType(T.lb).forEach((lb) => expect(lb.inputs.fallbackPool).toBe("[unknown]"));
  });

  const site = (name: string, sbcs: number[]) => ({
    site: name,
    region: "us-east-1",
    albDnsName: pulumi.output("x.us-east-1.elb.amazonaws.com"),
    sbcs: sbcs.map((slot) => ({ slot, publicIp: pulumi.output("198.51.100.7") })),
  });
  const prodSites = awsSitesOf(prod).map((s) => site(s.name, [0, 1]));

  it("falls back to the first AWS site when no fallback site is configured", () => {
    expect(validateEntryPoints({ ...prod.dns, fallbackSite: undefined }, prodSites)).toBe(prodSites[0].site);
    expect(validateEntryPoints(prod.dns, prodSites)).toBe(prod.dns.fallbackSite);
  });

  it("refuses a fallback site or SRV priority for a site it was not given", () => {
    expect(() => validateEntryPoints({ ...prod.dns, fallbackSite: "mia-dc" }, prodSites)).toThrow(
      /fallbackSite "mia-dc" is not among the AWS sites/,
    );
    expect(() => validateEntryPoints({ ...prod.dns, srvPriorities: { nowhere: 5 } }, prodSites)).toThrow(
      /srvPriorities names "nowhere"/,
    );
  });

  it("refuses entry points that are empty, repeated or without SBCs", () => {
    const check = (sites: ReturnType<typeof site>[]) => () =>
      validateEntryPoints({ ...prod.dns, fallbackSite: undefined }, sites);
    expect(check([])).toThrow(/at least one AWS site/);
    expect(check([site("use1", [0]), site("use1", [0])])).toThrow(/"use1" is given twice/);
    expect(check([site("use1", [])])).toThrow(/"use1" has no SBCs/);
    expect(check([site("use1", [0, 0])])).toThrow(/repeated SBC slot 0/);
  });
});

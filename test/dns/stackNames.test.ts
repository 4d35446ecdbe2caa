// Prod and staging share one Cloudflare zone and account: no name the staging stack writes may be
// one the prod stack writes, and every staging name must live under the staging subdomain.
import { accountNamePrefix, nameSuffix, sbcFqdn, sipDomain, webFqdns } from "../../components/dns/names";
import { PlanResource } from "../../tools/plan/capture";
import { stackConfig } from "../harness/config";
import { DnsRun, T, awsSitesOf, runGlobalDns } from "./fixture";

/** Every name a stack's DNS component writes to Cloudflare: zone records and account-level objects. */
function cloudflareNames(run: DnsRun) {
  const zone = [...run.ofType(T.lb), ...run.ofType(T.record)].map((r) => r.inputs.name as string);
  const account = [...run.ofType(T.pool), ...run.ofType(T.policy)].map((r) => r.inputs.name as string);
  const monitors = run.ofType(T.monitor).map((r) => r.inputs.description as string);
  return {
    zone: new Set(zone),
    account: new Set([...account, ...monitors]),
    certificates: run.ofType(T.certificate),
    rulesets: run.ofType(T.ruleset),
  };
}

describe("prod and staging names", () => {
  const prod = stackConfig("prod");
  const staging = stackConfig("staging");
  let names: { prod: ReturnType<typeof cloudflareNames>; staging: ReturnType<typeof cloudflareNames> };
  beforeAll(async () => {
    names = { prod: cloudflareNames(await runGlobalDns(prod)), staging: cloudflareNames(await runGlobalDns(staging)) };
  });

  it("share the zone but staging writes only under its subdomain", () => {
    expect(staging.dns.zone).toBe(prod.dns.zone);
    expect(staging.dns.subdomain).toBeDefined();
    const stagingSuffix = `.${nameSuffix(staging.dns)}`;
    names.staging.zone.forEach((n) => expect(n.endsWith(stagingSuffix)).toBe(true));
    names.prod.zone.forEach((n) => expect(n.endsWith(stagingSuffix)).toBe(false));
  });

  it("never write the same zone name or account-level name from both stacks", () => {
    const clash = (a: Set<string>, b: Set<string>) => [...a].filter((n) => b.has(n));
    expect(clash(names.prod.zone, names.staging.zone)).toEqual([]);
    expect(clash(names.prod.account, names.staging.account)).toEqual([]);
    names.staging.account.forEach((n) => expect(n).toContain(accountNamePrefix(staging.dns)));
  });

  it("cover staging's two-label-deep web names with an advanced certificate, and only staging's", () => {
    expect(names.prod.certificates).toEqual([]);
    expect(names.staging.certificates).toHaveLength(1);
    const pack: PlanResource = names.staging.certificates[0];
    expect(pack.inputs).toMatchObject({
      zoneId: staging.dns.zoneId,
      type: "advanced",
      validationMethod: "txt",
      validityDays: 90,
    });
    // Cloudflare requires the apex in every pack; the wildcard is the only other host.
    expect(pack.inputs.hosts).toEqual([staging.dns.zone, `*.${nameSuffix(staging.dns)}`]);
    webFqdns(staging.dns).forEach((fqdn) => expect(fqdn.split(".").slice(1).join(".")).toBe(nameSuffix(staging.dns)));
  });

  it("pin every web hostname of both stacks to SSL Full (strict) from the one zone ruleset prod owns", () => {
    // A zone has one entry-point ruleset per phase: only the apex stack declares it.
    expect(names.staging.rulesets).toEqual([]);
    expect(names.prod.rulesets).toHaveLength(1);
    const [ruleset] = names.prod.rulesets;
    expect(ruleset.inputs).toMatchObject({ zoneId: prod.dns.zoneId, kind: "zone", phase: "http_config_settings" });
    const rules = ruleset.inputs.rules as {
      action: string;
      actionParameters: { ssl: string };
      expression: string;
      enabled: boolean;
    }[];
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ action: "set_config", actionParameters: { ssl: "strict" }, enabled: true });
    const hosts = [...rules[0].expression.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(rules[0].expression).toMatch(/^http\.host in \{("[a-z0-9.-]+" ?)+\}$/);
    expect(hosts.sort()).toEqual([...webFqdns(prod.dns), ...webFqdns(staging.dns)].sort());
  });

  it("match the names names.ts derives, so the component adds none of its own", () => {
    [prod, staging].forEach((config, i) => {
      const zone = i === 0 ? names.prod.zone : names.staging.zone;
      const sbcs = awsSitesOf(config).flatMap((s) =>
        Array.from({ length: s.pools.sbc.count }, (_, slot) => sbcFqdn(config.dns, s.name, slot)),
      );
      const srv = ["_sips._tcp", "_sip._tcp", "_sip._udp"].map((l) => `${l}.${sipDomain(config.dns)}`);
      expect([...zone].sort()).toEqual([...webFqdns(config.dns), ...sbcs, ...srv, sipDomain(config.dns)].sort());
    });
  });
});

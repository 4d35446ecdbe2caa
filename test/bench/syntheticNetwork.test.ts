import { NetworkConfig } from "../../config";
import { mustParseCidr, overlaps } from "../../lib/ipv4";
import { partOf } from "../../config/stack";
import { deployLevels, partName } from "../../lib/stacks/layout";
import { partStackConfig, stacksOf } from "../../tools/plan/environment";
import { rawProjectConfig } from "../../tools/stackConfig";
import { AWS_REGIONS, MAX_SYNTHETIC_SITES, syntheticConfig, syntheticShape, syntheticStackConfig } from "../../tools/bench/syntheticNetwork";

const aws = (c: NetworkConfig) => c.sites.filter((s) => s.kind === "aws");
const onprem = (c: NetworkConfig) => c.sites.filter((s) => s.kind === "onprem");

describe("synthetic networks", () => {
  const sizes = [2, 8, 32];
  const configs = new Map(sizes.map((n) => [n, syntheticConfig(n)]));

  it.each(sizes)("%i sites: validates, with sites, data centres, carriers, customers and workstations in proportion", (n) => {
    const c = configs.get(n)!;
    expect(aws(c)).toHaveLength(n);
    expect(onprem(c)).toHaveLength(Math.ceil(n / 4));
    expect(c.carriers.length).toBeGreaterThanOrEqual(2);
    expect(c.carriers.length).toBeLessThanOrEqual(4);
    expect(c.customers).toHaveLength(Math.ceil(n / 4));
    expect(c.admin.workstations).toHaveLength(Math.ceil(n / 2));
    expect(syntheticShape(n)).toEqual({
      sites: n,
      dataCentres: onprem(c).length,
      carriers: c.carriers.length,
      customers: c.customers.length,
      workstations: c.admin.workstations.length,
    });
  });

  it("grows the carriers from two at small sizes to four at 32 sites", () => {
    expect(sizes.map((n) => configs.get(n)!.carriers.length)).toEqual([2, 2, 4]);
  });

  it.each(sizes)("%i sites: one real region per AWS site, none shared with the isolated backups", (n) => {
    const c = configs.get(n)!;
    const regions = aws(c).map((s) => (s.kind === "aws" ? s.region : ""));
    expect(regions).toEqual(AWS_REGIONS.slice(0, n));
    expect(regions).not.toContain(c.backup.isolatedRegion);
  });

  it.each(sizes)("%i sites: no two address blocks overlap and every ASN is unique", (n) => {
    const c = configs.get(n)!;
    const blocks = [...c.sites.map((s) => s.cidr), c.admin.clientCidr].map(mustParseCidr);
    blocks.forEach((a, i) => blocks.slice(i + 1).forEach((b) => expect(overlaps(a, b)).toBe(false)));
    const asns = c.sites.map((s) => (s.kind === "aws" ? s.asn : s.vpnDevice.bgpAsn));
    expect(new Set(asns).size).toBe(asns.length);
  });

  it.each(sizes)("%i sites: every destination rides on at least two carriers, and data centres are dual-homed", (n) => {
    const c = configs.get(n)!;
    const carriersOf = new Map<string, Set<string>>();
    c.carriers.forEach((k) => k.destinations.forEach((d) => carriersOf.set(d, new Set([...(carriersOf.get(d) ?? []), k.name]))));
    expect(carriersOf.size).toBeGreaterThanOrEqual(60);
    carriersOf.forEach((names) => expect(names.size).toBeGreaterThanOrEqual(2));
    onprem(c).forEach((dc) => expect(dc.kind === "onprem" && new Set(dc.homeSites).size).toBe(2));
  });

  it("refuses sizes the regions cannot hold", () => {
    expect(() => syntheticShape(1)).toThrow(/2 to \d+ AWS sites/);
    expect(() => syntheticShape(MAX_SYNTHETIC_SITES + 1)).toThrow(/one region left for backups/);
    expect(() => syntheticConfig(MAX_SYNTHETIC_SITES)).not.toThrow();
  });

  it("hands the plan the template stack's provider keys and the synthetic project keys", () => {
    const stack = syntheticStackConfig(8);
    expect(stack.stack).toBe("bench-8");
    expect(stack.values["pulumi:disable-default-providers"]).toBeDefined();
    expect(JSON.parse(stack.values["callmyway-network:sites"]).filter((s: { kind: string }) => s.kind === "aws")).toHaveLength(8);
  });

  it.each(sizes)("%i sites: an environment the layout splits into a shared stack, one per site, a mesh stack per site but the first, and dns, each a valid config", (n) => {
    const environment = syntheticStackConfig(n);
    const specs = stacksOf(environment);
    expect(specs.map((s) => s.part.kind)).toEqual([
      "shared",
      ...Array<string>(n).fill("site"),
      ...Array<string>(n - 1).fill("mesh"),
      "dns",
    ]);
    expect(deployLevels(specs).map((level) => level.length)).toEqual([1, 1, n - 1, n]);
    const config = configs.get(n)!;
    specs.forEach((spec) => {
      const part = partStackConfig(environment, spec);
      expect(rawProjectConfig(part.values)).toMatchObject({ sites: config.sites });
      const named = part.values["callmyway-network:part"];
      expect(partOf(named, config)).toEqual(spec.part);
      if (spec.part.kind !== "shared") expect(named).toBe(partName(spec.part));
    });
  });
});

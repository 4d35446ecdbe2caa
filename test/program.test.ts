import { awsSitesOf as awsSites } from "../lib/model";
import { Run, runStack } from "./harness/program";
import { stackConfig } from "./harness/config";

describe.each(["prod", "staging"] as const)("the whole program with Pulumi.%s.yaml", (stack) => {
  let run: Run;
  const config = stackConfig(stack);
  beforeAll(async () => {
    run = await runStack(stack);
  });

  it("builds a network for every AWS site and nothing for data centres", () => {
    const networks = run.outputs.networks as Record<string, { region: string; cidr: string }>;
    expect(Object.keys(networks).sort()).toEqual(
      awsSites(config)
        .map((s) => s.name)
        .sort(),
    );
    awsSites(config).forEach((s) => expect(networks[s.name]).toMatchObject({ region: s.region, cidr: s.cidr }));
    expect(run.ofType("aws:ec2/vpc:Vpc")).toHaveLength(awsSites(config).length);
  });

  it("puts every AWS and Cloudflare resource on an explicit provider (the defaults are disabled)", () => {
    const cloud = run.resources.filter((r) => r.custom && /^(aws|cloudflare):/.test(r.type));
    expect(cloud.length).toBeGreaterThan(0);
    expect(cloud.filter((r) => r.provider === null).map((r) => r.urn)).toEqual([]);
  });

  it("places each site's resources in that site's region", () => {
    const providerRegion = new Map(run.ofType("pulumi:providers:aws").map((p) => [p.urn, p.inputs.region]));
    awsSites(config).forEach((site) => {
      const tagged = run.resources.filter(
        (r) => r.type.startsWith("aws:") && (r.inputs.tags as Record<string, string> | undefined)?.site === site.name,
      );
      expect(tagged.length).toBeGreaterThan(0);
      tagged.forEach((r) => expect(providerRegion.get(r.provider!)).toBe(site.region));
    });
  });
});

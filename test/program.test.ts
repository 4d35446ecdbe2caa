import { awsSitesOf as awsSites } from "../lib/model";
import { environmentStacks } from "../lib/stacks/layout";
import { Run, runStack } from "./harness/program";
import { stackConfig } from "./harness/config";

describe.each(["prod", "staging"] as const)("the environment of Pulumi.%s.yaml", (env) => {
  let run: Run;
  const config = stackConfig(env);
  const specs = environmentStacks(env, config);
  beforeAll(async () => {
    run = await runStack(env);
  });

  it("runs one stack per AWS site plus the shared, mesh and DNS stacks, and a network for each site in its own stack", () => {
    expect(Object.keys(run.stacks).sort()).toEqual(specs.map((s) => s.name).sort());
    awsSites(config).forEach((s) => {
      const own = run.stacks[`${env}-${s.name}`];
      expect(own.outputs.network).toMatchObject({ cidr: s.cidr });
      expect(own.outputs.region).toBe(s.region);
      expect(own.resources.filter((r) => r.type === "aws:ec2/vpc:Vpc")).toHaveLength(1);
    });
    expect(run.ofType("aws:ec2/vpc:Vpc")).toHaveLength(awsSites(config).length);
  });

  it("puts every AWS and Cloudflare resource on an explicit provider (the defaults are disabled)", () => {
    const cloud = run.resources.filter((r) => r.custom && /^(aws|cloudflare):/.test(r.type));
    expect(cloud.length).toBeGreaterThan(0);
    expect(cloud.filter((r) => r.provider === null).map((r) => r.urn)).toEqual([]);
  });

  it("keeps every site stack in its own region: its providers and resources name no other", () => {
    awsSites(config).forEach((site) => {
      const own = run.stacks[`${env}-${site.name}`].resources;
      const providerRegion = new Map(
        own.filter((r) => r.type === "pulumi:providers:aws").map((p) => [p.urn, p.inputs.region]),
      );
      expect([...new Set(providerRegion.values())]).toEqual([site.region]);
      const aws = own.filter((r) => r.type.startsWith("aws:"));
      expect(aws.length).toBeGreaterThan(100);
      aws.forEach((r) => expect(r.inputs.region ?? providerRegion.get(r.provider!)).toBe(site.region));
    });
  });

  it("gives every site but the first a mesh stack: its peerings with each earlier site, through one multi-region provider", () => {
    const sites = awsSites(config);
    sites.forEach((later, i) => {
      const stack = run.stacks[`${env}-mesh-${later.name}`];
      if (i === 0) return expect(stack).toBeUndefined();
      const mesh = stack.resources;
      expect(mesh.filter((r) => r.type === "pulumi:providers:aws")).toHaveLength(1);
      const peerings = mesh.filter((r) => r.type === "aws:ec2transitgateway/peeringAttachment:PeeringAttachment");
      // One per earlier site, requested from the earlier site's region, the later site's region as peer.
      expect(peerings.map((p) => p.name).sort()).toEqual(
        sites
          .slice(0, i)
          .map((a) => `interconnect-mesh-${a.name}-${later.name}`)
          .sort(),
      );
      peerings.forEach((p) => expect(p.inputs.peerRegion).toBe(later.region));
      const peered = mesh.filter((r) => r.type.startsWith("aws:"));
      peered.forEach((r) => {
        const site = sites.find((s) => s.name === (r.inputs.tags as Record<string, string> | undefined)?.site);
        if (site) expect(r.inputs.region).toBe(site.region);
        else expect(sites.map((s) => s.region)).toContain(r.inputs.region);
      });
    });
  });

  it("gives the DNS stack Cloudflare only, and the shared stack the isolated region only", () => {
    const dns = run.stacks[`${env}-dns`].resources;
    expect(dns.filter((r) => r.type.startsWith("aws:") || r.type === "pulumi:providers:aws")).toEqual([]);
    const shared = run.stacks[env].resources.filter((r) => r.type === "pulumi:providers:aws");
    expect([...new Set(shared.map((p) => p.inputs.region))]).toEqual([config.backup.isolatedRegion]);
  });
});

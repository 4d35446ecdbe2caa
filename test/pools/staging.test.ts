import { AwsSiteConfig } from "../../config";
import { UNKNOWN } from "../../tools/plan/capture";
import { stackConfig } from "../harness/config";
import { Run, runStack } from "../harness/program";

const config = stackConfig("staging");
const awsSites = config.sites.filter((s): s is AwsSiteConfig => s.kind === "aws");

// Preview mode, as `npm run plan` and `pulumi preview` run: ids, ARNs and addresses are unknown.
describe("pools of the staging stack, previewed", () => {
  let run: Run;
  beforeAll(async () => {
    run = await runStack("staging", { preview: true });
  });

  it("plans two SBCs per site, without Shield Advanced, and no read replica", () => {
    awsSites.forEach((site) => {
      expect(
        run
          .ofType("aws:ec2/instance:Instance")
          .filter((i) => (i.inputs.tags as Record<string, string>).site === site.name),
      ).toHaveLength(site.pools.sbc.count);
    });
    expect(run.ofType("aws:shield/protection:Protection")).toEqual([]);
    expect(run.ofType("aws:rds/instance:Instance").map((d) => d.name)).toEqual([`core-db-${config.database.site}`]);
  });

  it("lets RDS manage the master password when there is no replica", () => {
    const db = run.named("aws:rds/instance:Instance", `core-db-${config.database.site}`);
    expect(db.inputs).toMatchObject({ manageMasterUserPassword: true, username: "callmyway_admin" });
    expect(db.inputs.password ?? null).toBeNull();
    expect(
      run.ofType("random:index/randomPassword:RandomPassword").filter((p) => p.name.startsWith("core-db-")),
    ).toEqual([]);
  });

  it("pins each site's pools to that site's release (a candidate release runs in one site first)", () => {
    awsSites.forEach((site) => {
      const template = run.named("aws:ec2/launchTemplate:LaunchTemplate", `${site.name}-pools-web-hosts`);
      const release = config.rhel.find((r) => r.name === site.pools.web.rhel)!;
      expect(template.inputs.imageId).toBe(release.amiIds![site.region]);
    });
    expect(new Set(awsSites.map((s) => s.pools.web.rhel)).size).toBe(2);
  });

  it("declares every certificate validation record, once per name for all sites, even though ACM's answers are unknown", () => {
    const records = run
      .ofType("cloudflare:index/dnsRecord:DnsRecord")
      .filter((r) => (r.inputs.comment as string)?.startsWith("ACM validation"));
    expect(records).toHaveLength(config.dns.webHostnames.length);
    records.forEach((r) => expect(r.inputs.name).toBe(UNKNOWN));
    // The first site's stack writes them; every other site's certificate validates against them,
    // read through a StackReference to that stack (which exports the CNAME of each name).
    const [first, ...others] = awsSites;
    expect(records.every((r) => r.urn.startsWith(`urn:pulumi:staging-${first.name}::`))).toBe(true);
    const validationOf = (site: string) =>
      run.named("aws:acm/certificateValidation:CertificateValidation", `${site}-pools-web-cert`);
    expect([...new Set(validationOf(first.name).propertyDependencies.validationRecordFqdns)].sort()).toEqual(
      expect.arrayContaining(records.map((r) => r.urn).sort()),
    );
    expect(others.length).toBeGreaterThan(0);
    others.forEach((site) =>
      expect(validationOf(site.name).propertyDependencies.validationRecordFqdns).toContain(
        `urn:pulumi:staging-${site.name}::callmyway-network::pulumi:pulumi:StackReference::staging-${first.name}-reference`,
      ),
    );
  });

  it("names the staging trunk tables under the staging prefix", () => {
    awsSites.forEach((site) =>
      expect(run.named("aws:ssm/parameter:Parameter", `${site.name}-pools-trunks`).inputs.name).toBe(
        `/callmyway/staging/${site.name}/trunks`,
      ),
    );
  });
});

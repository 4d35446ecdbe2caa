// The review diff says what `pulumi up` would replace, and what may change behind values a preview
// cannot know: a RHEL bump replaces the SBC instances and their Elastic IP associations.
import { diffMarkdown, diffPlans, PlanDiff } from "../../tools/plan/diff";
import { PlanDocument } from "../../tools/plan/document";
import { REPLACED_BY, registryPage } from "../../tools/plan/replacements";
import { stackDocument } from "../harness/config";
import { Run, runStack, runStackDocument } from "../harness/program";

const planOf = (run: Run): PlanDocument => ({
  project: "callmyway-network",
  stack: "staging",
  resources: run.resources,
  outputs: {},
});

describe("replacing inputs", () => {
  it.each(["prod", "staging"])(
    "%s: every kind the program registers has its replacing inputs listed, with its registry page",
    async (stack) => {
      const run = await runStack(stack, { preview: true });
      const kinds = [...new Set(run.resources.filter((r) => r.custom).map((r) => r.type))].sort();
      expect(kinds.filter((k) => !(k in REPLACED_BY))).toEqual([]);
      expect(registryPage("aws:ec2/instance:Instance")).toBe(
        "https://www.pulumi.com/registry/packages/aws/api-docs/ec2/instance/",
      );
      expect(registryPage("cloudflare:index/dnsRecord:DnsRecord")).toBe(
        "https://www.pulumi.com/registry/packages/cloudflare/api-docs/dnsrecord/",
      );
    },
  );
});

describe("a RHEL bump in staging (new image name for the validated release)", () => {
  let diff: PlanDiff;
  let markdown: string;
  beforeAll(async () => {
    const base = stackDocument("staging");
    const head = stackDocument("staging");
    const releases = head.config["callmyway-network:rhel"] as {
      name: string;
      amiName: string;
      amiIds?: Record<string, string>;
    }[];
    // A new build of each release: a new image name and, pinned per region, new image ids.
    releases.forEach((r) => {
      r.amiName = r.amiName.replace(/-\d{8}-/, "-20261101-");
      r.amiIds = Object.fromEntries(
        Object.entries(r.amiIds ?? {}).map(([region, id]) => [
          region,
          id.replace(/.$/, (c) => (c === "f" ? "e" : "f")),
        ]),
      );
    });
    const [before, after] = [
      await runStack("staging", { preview: true }),
      await runStackDocument("staging", head, { preview: true }),
    ];
    expect(base.config["callmyway-network:rhel"]).not.toEqual(releases);
    diff = diffPlans(planOf(before), planOf(after));
    markdown = diffMarkdown(diff, "staging");
  }, 300_000);

  it("replaces every SBC instance (its ami forces it) and every Elastic IP association (it names the instance)", () => {
    const instances = diff.replaced.filter((r) => r.type === "aws:ec2/instance:Instance");
    const associations = diff.replaced.filter((r) => r.type === "aws:ec2/eipAssociation:EipAssociation");
    expect(instances.map((r) => r.name)).toEqual([
      "euw1-pools-sbc-1",
      "euw1-pools-sbc-2",
      "use1-pools-sbc-1",
      "use1-pools-sbc-2",
    ]);
    expect(instances.every((r) => r.because === "ami")).toBe(true);
    expect(associations.map((r) => [r.name, r.because])).toEqual(
      instances.map((r) => [r.name, `instanceId <- ${r.name} (replaced)`]),
    );
    expect(diff.replaced).toHaveLength(instances.length + associations.length);
  });

  it("updates the launch templates in place and says what may change behind them, per site", () => {
    const updated = diff.changed.filter((c) => c.replacingInputs.length === 0);
    expect([...new Set(updated.map((c) => c.type))]).toEqual(["aws:ec2/launchTemplate:LaunchTemplate"]);
    expect(updated.every((c) => c.changedInputs.includes("imageId"))).toBe(true);
    const groups = diff.mayChange.filter((r) => r.type === "aws:autoscaling/group:Group");
    expect(groups.length).toBe(4);
    expect(
      diff.mayChange.some(
        (r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && r.because.includes("(replaced)"),
      ),
    ).toBe(true);
    expect(diff.mayChange.map((r) => r.site).every((s) => ["use1", "euw1", "global"].includes(s))).toBe(true);
  });

  it("puts replacements first in the Markdown, with a count and a list per site", () => {
    const first = markdown.indexOf("#### Site");
    expect(markdown).toContain(`**${diff.replaced.length} to replace`);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(markdown.indexOf("#### Updated in place"));
    ["euw1", "use1"].forEach((site) => {
      const replaced = diff.replaced.filter((r) => r.site === site).length;
      const may = diff.mayChange.filter((r) => r.site === site).length;
      expect(markdown).toContain(`#### Site ${site}: ${replaced} to replace, ${may} may change`);
    });
    const section = markdown.slice(markdown.indexOf("#### Site use1"));
    expect(section.indexOf("**replace**")).toBeLessThan(section.indexOf("may change |"));
  });
});

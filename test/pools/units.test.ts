import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { postgresFamily } from "../../components/database";
import { SbcPool } from "../../components/pools/sbcPool";
import { createPoolGroups, poolGroupResolver } from "../../components/pools/securityGroups";
import { planRules } from "../../components/pools/securityRules";
import { SiteAllowLists } from "../../components/network/allowLists";
import { pinnedImageId } from "../../components/pools/rhelImage";
import { FirewallRule, buildModel, rulesOf } from "../../lib/model";
import { stackConfig } from "../harness/config";
import { agentBootScript, agentUserData } from "../../components/pools/userData";
import { INVOKES } from "../../tools/mocks/invokes";
import { PlanResource } from "../../tools/plan/capture";
import { runComponent } from "../harness/program";

const RELEASE = {
  name: "rhel-9.4",
  amiName: "RHEL-9.4.0_HVM-20240605-x86_64-82-Hourly2-GP3",
  owner: "309956199498",
  amiIds: { "us-east-1": "ami-0583d8c7a9c35822c" },
};
const CARRIERS = [
  { name: "carrier-a", signallingCidrs: ["64.16.10.0/28"], mediaCidrs: ["64.16.64.0/24"], destinations: ["US"] },
  { name: "carrier-b", signallingCidrs: ["80.231.10.0/28"], mediaCidrs: ["80.231.128.0/24"], destinations: ["US"] },
];

/** An SBC pool on its own, outside any stack, in us-east-1. */
function sbcPool(
  overrides: {
    release?: Omit<typeof RELEASE, "amiIds"> & { amiIds?: Record<string, string> };
    customers?: { name: string; sipCidrs: string[] }[];
    shieldAdvanced?: boolean;
  } = {},
) {
  return () => {
    const provider = new aws.Provider("test-aws", { region: "us-east-1" });
    const holder = new SbcPoolHolder(provider);
    const config = stackConfig("staging");
    const site = config.sites[0].name;
    const { firewall } = buildModel({ ...config, carriers: CARRIERS, customers: overrides.customers ?? [] });
    const groups = createPoolGroups("t", site, firewall, "vpc-0123456789abcdef0", { site: "t" }, 60, holder);
    const sbc = { site, role: "sbc" as const };
    new SbcPool(
      "t-sbc",
      {
        hosts: { region: "us-east-1", instanceType: "c6in.large", agentConfigParameter: "AmazonCloudWatch-test" },
        slots: [1, 2, 3].map((slot) => ({
          slot,
          rhel: (overrides.release ?? RELEASE).name,
          release: overrides.release ?? RELEASE,
          packages: { kamailio: "5.6.3", rtpengine: "10.5.3.5" },
          moved: false,
          moving: false,
          drained: false,
        })),
        edgeSubnetIds: ["subnet-a", "subnet-b"],
        firewall: {
          group: groups.sbc,
          rules: [...rulesOf(firewall, sbc, "in"), ...rulesOf(firewall, sbc, "out")],
          resolve: poolGroupResolver(
            site,
            groups,
            new SiteAllowLists(
              "t-allowlists",
              {
                environment: "test",
                site,
                lists: firewall.lists.filter((l) => l.ref.site === site),
                tags: { site: "t" },
              },
              { parent: holder },
            ),
          ),
        },
        scaleOutPercent: 60,
        nocTopicArn: "arn:aws:sns:us-east-1:123456789012:noc",
        nocLevel: "noc-l1",
        shieldAdvanced: overrides.shieldAdvanced,
        tags: { site: "t" },
      },
      { provider },
    );
  };
}

class SbcPoolHolder extends pulumi.ComponentResource {
  constructor(provider: aws.Provider) {
    super("test:pools:Holder", "holder", {}, { provider });
  }
}

const ofType = (resources: PlanResource[], type: string) => resources.filter((r) => r.type === type);

describe("SBC pool on its own", () => {
  it("uses the exact per-region image id when config gives one, without any look-up", async () => {
    const lookups: unknown[] = [];
    const real = INVOKES["aws:ec2/getAmi:getAmi"];
    INVOKES["aws:ec2/getAmi:getAmi"] = (inputs, ctx) => (lookups.push(inputs), real(inputs, ctx));
    try {
      const run = await runComponent(
        sbcPool({ release: { ...RELEASE, amiIds: { "us-east-1": "ami-0123456789abcdef0" } } }),
      );
      // Each slot names its image; the template names none, so that a release change reaches no other slot.
      expect(run.named("aws:ec2/instance:Instance", "t-sbc-1").inputs.ami).toBe("ami-0123456789abcdef0");
      expect(run.named("aws:ec2/launchTemplate:LaunchTemplate", "t-sbc").inputs.imageId).toBeUndefined();
      expect(lookups).toEqual([]);
    } finally {
      INVOKES["aws:ec2/getAmi:getAmi"] = real;
    }
  });

  it("refuses a release with no image id for the pool's region, naming the command that pins it", () => {
    expect(() => pinnedImageId({ ...RELEASE, amiIds: { "eu-west-1": "ami-0123456789abcdef0" } }, "us-east-1")).toThrow(
      /RHEL release "rhel-9\.4" has no image id for us-east-1 \(rhel\[\]\.amiIds\): run `npm run pin-images -- --stack <stack>`/,
    );
  });

  it("places slots round-robin over the edge subnets and buys no Shield protection unless asked", async () => {
    const run = await runComponent(sbcPool({ shieldAdvanced: false }));
    expect(
      ofType(run.resources, "aws:ec2/instance:Instance")
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((i) => i.inputs.subnetId),
    ).toEqual(["subnet-a", "subnet-b", "subnet-a"]);
    expect(ofType(run.resources, "aws:ec2/eip:Eip")).toHaveLength(3);
    expect(ofType(run.resources, "aws:shield/protection:Protection")).toEqual([]);
  });
});

describe("security group rule resources", () => {
  const target = (maxRules: number) => ({ name: "use1-pools-sbc", id: "sg-0123456789abcdef0", maxRules });
  const noGroups = {
    group: () => {
      throw new Error("no group references here");
    },
    list: () => {
      throw new Error("no list references here");
    },
  };
  const cidrRule = (i: number): FirewallRule => ({
    group: { site: "use1", role: "sbc" },
    direction: "in",
    peer: { kind: "cidr", cidr: `91.121.${i}.0/29` },
    protocol: "udp",
    fromPort: 5060,
    toPort: 5060,
    service: "SIP",
    description: `customer ${i}`,
    parties: [`customer ${i}`],
  });

  it("are keyed by peer, protocol and ports", () => {
    expect([...planRules(target(60), "in", [cidrRule(1), cidrRule(2)], noGroups).keys()]).toEqual([
      "91-121-1-0-29-udp-5060",
      "91-121-2-0-29-udp-5060",
    ]);
  });

  it("refuse more rules than the account's quota allows, naming the group and the config key", () => {
    expect(
      planRules(
        target(60),
        "in",
        Array.from({ length: 60 }, (_, i) => cidrRule(i)),
        noGroups,
      ).size,
    ).toBe(60);
    expect(() =>
      planRules(
        target(60),
        "in",
        Array.from({ length: 61 }, (_, i) => cidrRule(i)),
        noGroups,
      ),
    ).toThrow(
      /security group use1-pools-sbc needs 61 ingress rules; the account allows 60 per direction \(raise the quota in Service Quotas and callmyway-network:awsQuotas.securityGroupRulesPerDirection/,
    );
    // A raised quota in config is what lets the group grow.
    expect(
      planRules(
        target(200),
        "in",
        Array.from({ length: 61 }, (_, i) => cidrRule(i)),
        noGroups,
      ).size,
    ).toBe(61);
  });

  it("count a rule on a prefix list as its max entries, as AWS counts it against the quota", () => {
    const lists = {
      ...noGroups,
      list: () => ({ name: "use1-allowlists-customers", id: "pl-0123456789abcdef0", maxEntries: 30 }),
    };
    const onList = (port: number): FirewallRule => ({
      ...cidrRule(0),
      peer: { kind: "list", list: { site: "use1", list: "customers" } },
      fromPort: port,
      toPort: port,
    });
    // Two list rules of 30 entries fill a quota of 60; one more plain rule does not fit.
    expect([...planRules(target(60), "in", [onList(5060), onList(5061)], lists).keys()]).toEqual([
      "pl-customers-udp-5060",
      "pl-customers-udp-5061",
    ]);
    expect(() => planRules(target(60), "in", [onList(5060), onList(5061), cidrRule(1)], lists)).toThrow(
      /security group use1-pools-sbc needs 61 ingress rules; the account allows 60/,
    );
  });

  it("refuse a rule whose published list was not expanded", () => {
    const listed: FirewallRule = { ...cidrRule(1), peer: { kind: "published", list: "cloudflare-ipv4" } };
    expect(() => planRules(target(60), "in", [listed], noGroups)).toThrow(
      /still names the published list cloudflare-ipv4; expand it first/,
    );
  });
});

describe("boot script", () => {
  it("installs the SSM and CloudWatch agents from the site's region and loads the agent config from SSM", () => {
    const script = agentBootScript("sa-east-1", "AmazonCloudWatch-callmyway-prod-sae1");
    expect(script).toContain("https://s3.sa-east-1.amazonaws.com/amazon-ssm-sa-east-1/");
    expect(script).toContain("https://s3.sa-east-1.amazonaws.com/amazoncloudwatch-agent-sa-east-1/");
    expect(script).toMatch(
      /amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c ssm:AmazonCloudWatch-callmyway-prod-sae1\n/,
    );
    expect(Buffer.from(agentUserData("sa-east-1", "p"), "base64").toString("utf8")).toBe(
      agentBootScript("sa-east-1", "p"),
    );
  });
});

describe("database parameter family", () => {
  it("derives the family from the pinned version and refuses a version without a major", () => {
    expect(postgresFamily("16.4")).toBe("postgres16");
    expect(postgresFamily("15.7")).toBe("postgres15");
    expect(() => postgresFamily("latest")).toThrow(/database.engineVersion "latest"/);
  });
});

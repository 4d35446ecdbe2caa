import { subnetCidr, tierCidr } from "../lib/model/addressPlan";
import { contains, mustParseCidr, overlaps, privateSummary } from "../lib/ipv4";
import { siteAclRules } from "../components/network/siteNetwork";
import { Run, runStack } from "./harness/program";
import { stackConfig } from "./harness/config";
import { PlanResource } from "../tools/plan/capture";

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const ROUTE = "aws:ec2/route:Route";
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";

describe("subnet layout", () => {
  it("carves four tiers of four AZ slots, without overlap, inside the site CIDR", () => {
    const cidrs = ["edge", "web", "core", "data"].flatMap((tier) =>
      [0, 1, 2, 3].map((az) => subnetCidr("10.10.0.0/16", tier as "edge", az)),
    );
    expect(cidrs.slice(0, 5)).toEqual([
      "10.10.0.0/20",
      "10.10.16.0/20",
      "10.10.32.0/20",
      "10.10.48.0/20",
      "10.10.64.0/20",
    ]);
    expect(cidrs[15]).toBe("10.10.240.0/20");
    cidrs.forEach((a, i) =>
      cidrs.slice(i + 1).forEach((b) => expect(overlaps(mustParseCidr(a), mustParseCidr(b))).toBe(false)),
    );
    expect(tierCidr("10.10.0.0/16", "core")).toBe("10.10.128.0/18");
  });

  it("works for the smallest allowed site (/24 gives /28 subnets)", () => {
    expect(subnetCidr("10.0.1.0/24", "data", 3)).toBe("10.0.1.240/28");
  });

  it("refuses an AZ index beyond the four slots", () => {
    expect(() => subnetCidr("10.0.0.0/16", "edge", 4)).toThrow(/outside the 4 slots/);
  });
});

describe("site networks of the prod stack", () => {
  let run: Run;
  const config = stackConfig("prod");
  const awsSites = config.sites.filter((s) => s.kind === "aws");
  beforeAll(async () => {
    run = await runStack("prod");
  });

  // Auto Scaling groups take their tags as a list of {key, value, propagateAtLaunch}.
  const tags = (r: PlanResource): Record<string, string> =>
    Array.isArray(r.inputs.tags)
      ? Object.fromEntries((r.inputs.tags as { key: string; value: string }[]).map((t) => [t.key, t.value]))
      : (r.inputs.tags as Record<string, string>);
  const subnetsOf = (site: string, tier: string) =>
    run.ofType(SUBNET).filter((s) => tags(s).site === site && tags(s)["subnet-tier"] === tier);

  it("builds one VPC per AWS site with the configured CIDR, through that site's regional provider", () => {
    expect(
      run
        .ofType(VPC)
        .map((v) => v.inputs.cidrBlock)
        .sort(),
    ).toEqual(awsSites.map((s) => s.cidr).sort());
    awsSites.forEach((site) => {
      const vpc = run.named(VPC, `${site.name}-vpc`);
      expect(vpc.provider).toMatch(new RegExp(`pulumi:providers:aws::${site.name}-aws$`));
      const provider = run.named("pulumi:providers:aws", `${site.name}-aws`);
      expect(provider.inputs.region).toBe(site.region);
      expect(JSON.parse(provider.inputs.defaultTags as string)).toEqual({
        tags: { project: "callmyway", environment: "prod", site: site.name, "managed-by": "pulumi" },
      });
    });
  });

  it("puts one subnet per tier in each AZ, in distinct AZs, none mapping public IPs", () => {
    awsSites.forEach((site) => {
      ["edge", "web", "core", "data"].forEach((tier) => {
        const subnets = subnetsOf(site.name, tier);
        expect(subnets).toHaveLength(site.azCount);
        expect(new Set(subnets.map((s) => s.inputs.availabilityZone)).size).toBe(site.azCount);
        subnets.forEach((s) => expect(mustParseCidr(s.inputs.cidrBlock as string).prefix).toBe(20));
      });
    });
    expect(run.ofType(SUBNET).every((s) => s.inputs.mapPublicIpOnLaunch === false)).toBe(true);
  });

  it("tags every taggable resource with project, environment, site, tier and managed-by", () => {
    const taggable = run.resources.filter((r) => r.custom && r.inputs.tags !== undefined);
    expect(taggable.length).toBeGreaterThan(100);
    taggable.forEach((r) => {
      expect(Object.keys(tags(r))).toEqual(
        expect.arrayContaining(["project", "environment", "site", "tier", "managed-by"]),
      );
    });
  });

  it("routes only edge subnets to the internet gateway; web and core through NAT; data nowhere", () => {
    const igwRoutes = run.ofType(ROUTE).filter((r) => r.inputs.gatewayId !== undefined);
    expect(igwRoutes.map((r) => r.name).sort()).toEqual(awsSites.map((s) => `${s.name}-edge-internet`).sort());
    const tableTier = (urn: string) => tags(run.resources.find((r) => r.urn === urn)!)["subnet-tier"];
    run.ofType(ROUTE).forEach((route) => {
      const table = route.propertyDependencies.routeTableId[0];
      if (route.inputs.gatewayId !== undefined) expect(tableTier(table)).toBe("edge");
      if (route.inputs.natGatewayId !== undefined) expect(["web", "core"]).toContain(tableTier(table));
    });
    const dataTables = run
      .ofType(ROUTE_TABLE)
      .filter((t) => tags(t)["subnet-tier"] === "data")
      .map((t) => t.urn);
    expect(dataTables).toHaveLength(awsSites.length);
    // Data reaches nothing outside: its only routes are the interconnect's, to other private sites through the transit gateway.
    const dataRoutes = run.ofType(ROUTE).filter((r) => dataTables.includes(r.propertyDependencies.routeTableId[0]));
    expect(
      dataRoutes.filter(
        (r) => r.inputs.transitGatewayId === undefined || r.inputs.destinationCidrBlock === "0.0.0.0/0",
      ),
    ).toEqual([]);
  });

  it("sends every other site and data centre to the transit gateway through one summary route per private range", () => {
    awsSites.forEach((site) => {
      const others = config.sites.filter((o) => o.name !== site.name).map((o) => o.cidr);
      run
        .ofType(ROUTE_TABLE)
        .filter((t) => tags(t).site === site.name && ["core", "data"].includes(tags(t)["subnet-tier"]))
        .forEach((table) => {
          const viaTgw = run
            .ofType(ROUTE)
            .filter(
              (r) => r.propertyDependencies.routeTableId?.[0] === table.urn && r.inputs.transitGatewayId !== undefined,
            );
          expect(viaTgw.map((r) => r.inputs.destinationCidrBlock)).toEqual(privateSummary(others));
          others.forEach((cidr) =>
            expect(
              viaTgw.some((r) => contains(mustParseCidr(r.inputs.destinationCidrBlock as string), mustParseCidr(cidr))),
            ).toBe(true),
          );
        });
    });
  });

  it("associates every subnet with a route table of its own tier", () => {
    run.ofType(SUBNET).forEach((subnet) => {
      const assoc = run.ofType(ASSOCIATION).filter((a) => a.propertyDependencies.subnetId?.[0] === subnet.urn);
      expect(assoc).toHaveLength(1);
      const table = run.resources.find((r) => r.urn === assoc[0].propertyDependencies.routeTableId[0])!;
      expect(tags(table)["subnet-tier"]).toBe(tags(subnet)["subnet-tier"]);
    });
  });

  it("has one NAT gateway per AZ in prod, each in an edge subnet", () => {
    awsSites.forEach((site) => {
      const nats = run.ofType("aws:ec2/natGateway:NatGateway").filter((n) => tags(n).site === site.name);
      expect(nats).toHaveLength(site.azCount);
      const edgeUrns = subnetsOf(site.name, "edge").map((s) => s.urn);
      nats.forEach((n) => expect(edgeUrns).toContain(n.propertyDependencies.subnetId[0]));
    });
  });

  it("guards core and data with network ACLs that never admit the internet, nor the site's own public tiers, into data", () => {
    awsSites.forEach((site) => {
      const dataAcl = run.named("aws:ec2/networkAcl:NetworkAcl", `${site.name}-data-acl`);
      expect(dataAcl.inputs.subnetIds).toHaveLength(site.azCount);
      const rules = run.ofType("aws:ec2/networkAclRule:NetworkAclRule").filter((r) => r.parent === dataAcl.urn);
      const byNumber = (egress: boolean) =>
        rules
          .filter((r) => r.inputs.egress === egress)
          .sort((a, b) => (a.inputs.ruleNumber as number) - (b.inputs.ruleNumber as number));
      [false, true].forEach((egress) => {
        const ordered = byNumber(egress);
        // First match wins: the site's edge and web blocks are denied before any allow.
        expect(ordered.slice(0, 2).map((r) => [r.inputs.ruleAction, r.inputs.cidrBlock])).toEqual([
          ["deny", tierCidr(site.cidr, "edge")],
          ["deny", tierCidr(site.cidr, "web")],
        ]);
        ordered.slice(2).forEach((r) => {
          expect(r.inputs.ruleAction).toBe("allow");
          expect(
            ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].some((p) =>
              contains(mustParseCidr(p), mustParseCidr(r.inputs.cidrBlock as string)),
            ),
          ).toBe(true);
        });
      });
      const coreAcl = run.named("aws:ec2/networkAcl:NetworkAcl", `${site.name}-core-acl`);
      const publicCoreRules = run
        .ofType("aws:ec2/networkAclRule:NetworkAclRule")
        .filter((r) => r.parent === coreAcl.urn && r.inputs.cidrBlock === "0.0.0.0/0");
      // Only HTTPS out and the TCP replies to it.
      expect(
        publicCoreRules.map((r) => [r.inputs.egress, r.inputs.protocol, r.inputs.fromPort, r.inputs.toPort]),
      ).toEqual(
        expect.arrayContaining([
          [true, "6", 443, 443],
          [false, "6", 1024, 65535],
        ]),
      );
      expect(publicCoreRules).toHaveLength(2);
    });
  });

  it("logs all VPC traffic to CloudWatch through a role that can write only there", () => {
    awsSites.forEach((site) => {
      const flowLog = run.named("aws:ec2/flowLog:FlowLog", `${site.name}-flow-logs`);
      expect(flowLog.inputs).toMatchObject({ trafficType: "ALL", logDestinationType: "cloud-watch-logs" });
      expect(flowLog.propertyDependencies.vpcId).toEqual([run.named(VPC, `${site.name}-vpc`).urn]);
      const policy = JSON.parse(
        run.named("aws:iam/rolePolicy:RolePolicy", `${site.name}-flow-logs`).inputs.policy as string,
      );
      expect(policy.Statement[0].Action).toEqual([
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "logs:DescribeLogStreams",
      ]);
      expect(policy.Statement[0].Resource[0]).toMatch(/^arn:aws:logs:/);
    });
  });

  it("reaches SSM, CloudWatch and S3 through VPC endpoints", () => {
    awsSites.forEach((site) => {
      const services = run
        .ofType("aws:ec2/vpcEndpoint:VpcEndpoint")
        .filter((e) => tags(e).site === site.name)
        .map((e) => [e.inputs.serviceName, e.inputs.vpcEndpointType]);
      expect(services.sort()).toEqual(
        [
          ...["ec2messages", "logs", "monitoring", "ssm", "ssmmessages"].map((s) => [
            `com.amazonaws.${site.region}.${s}`,
            "Interface",
          ]),
          [`com.amazonaws.${site.region}.s3`, "Gateway"],
        ].sort(),
      );
    });
  });

  it("routes every tier but data to S3 through the gateway endpoint, edge included (SBCs fetch their agents at boot)", () => {
    const tierOf = (urn: string) => tags(run.resources.find((r) => r.urn === urn)!)["subnet-tier"];
    awsSites.forEach((site) => {
      const s3 = run
        .ofType("aws:ec2/vpcEndpoint:VpcEndpoint")
        .find((e) => tags(e).site === site.name && e.inputs.vpcEndpointType === "Gateway")!;
      const tables = s3.propertyDependencies.routeTableIds;
      expect([...new Set(tables.map(tierOf))].sort()).toEqual(["core", "edge", "web"]);
      const siteTables = run
        .ofType(ROUTE_TABLE)
        .filter((t) => tags(t).site === site.name && tags(t)["subnet-tier"] !== "data");
      expect(tables.sort()).toEqual(siteTables.map((t) => t.urn).sort());
    });
  });
});

describe("network ACL rules as sites are added", () => {
  it("stay within AWS's 20 rules per direction whatever the number of trusted networks", () => {
    const few = siteAclRules("10.10.0.0/16", ["10.20.0.0/16", "10.250.0.0/22"]);
    const many = siteAclRules("10.10.0.0/16", [
      ...Array.from({ length: 60 }, (_, i) => `10.${20 + i}.0.0/16`),
      "172.20.0.0/16",
      "192.168.0.0/22",
    ]);
    const perDirection = (rules: { egress: boolean }[]) => [
      rules.filter((r) => !r.egress).length,
      rules.filter((r) => r.egress).length,
    ];
    expect(perDirection(many.core)).toEqual([4, 4]);
    expect(perDirection(few.core)).toEqual([2, 2]);
    [...perDirection(many.core), ...perDirection(many.data)].forEach((n) => expect(n).toBeLessThanOrEqual(20));
    expect(many.data.filter((r) => !r.egress).map((r) => r.cidr)).toEqual([
      "10.10.0.0/18",
      "10.10.64.0/18",
      "10.0.0.0/9",
      "172.20.0.0/16",
      "192.168.0.0/22",
    ]);
  });
});

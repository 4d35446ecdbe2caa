import { AGENT_METRICS, agentConfigParameterName } from "../../components/monitoring/agentMetrics";
import { webFqdns } from "../../components/dns/names";
import { tierCidr } from "../../lib/model/addressPlan";
import { buildTrunkTable } from "../../lib/model/trunkTable";
import { AwsSiteConfig } from "../../config";
import { CLOUDFLARE_IPV4, MOCK_ACCOUNT_ID } from "../../tools/mocks";
import { INVOKES } from "../../tools/mocks/invokes";
import { mockId } from "../../tools/mocks/resources";
import { PlanResource, SECRET } from "../../tools/plan/capture";
import { stackConfig } from "../harness/config";
import { Run, runStack } from "../harness/program";

const config = stackConfig("prod");
const awsSites = config.sites.filter((s): s is AwsSiteConfig => s.kind === "aws");
const T = {
  instance: "aws:ec2/instance:Instance",
  eip: "aws:ec2/eip:Eip",
  eipAssociation: "aws:ec2/eipAssociation:EipAssociation",
  shield: "aws:shield/protection:Protection",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  group: "aws:autoscaling/group:Group",
  policy: "aws:autoscaling/policy:Policy",
  template: "aws:ec2/launchTemplate:LaunchTemplate",
  subnet: "aws:ec2/subnet:Subnet",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  prefixList: "aws:ec2/managedPrefixList:ManagedPrefixList",
  topic: "aws:sns/topic:Topic",
  rds: "aws:rds/instance:Instance",
  parameter: "aws:ssm/parameter:Parameter",
} as const;

/** Every getAmi call the program makes (there must be none: images are pinned by id). */
const amiLookups: Record<string, any>[] = [];
const realGetAmi = INVOKES["aws:ec2/getAmi:getAmi"];

let run: Run;
beforeAll(async () => {
  INVOKES["aws:ec2/getAmi:getAmi"] = (inputs, ctx) => {
    amiLookups.push(inputs);
    return realGetAmi(inputs, ctx);
  };
  // Watched: this file sees the program's AMI look-ups in this process while it runs.
  run = await runStack("prod", { watched: true });
});
afterAll(() => {
  INVOKES["aws:ec2/getAmi:getAmi"] = realGetAmi;
});

const byUrn = (urn: string) => run.resources.find((r) => r.urn === urn)!;
const dep = (r: PlanResource, key: string) => {
  const deps = r.propertyDependencies[key];
  if (!deps || deps.length !== 1) throw new Error(`${r.name}.${key} depends on ${JSON.stringify(deps)}`);
  return byUrn(deps[0]);
};
const tagsOf = (r: PlanResource): Record<string, string> =>
  Array.isArray(r.inputs.tags)
    ? Object.fromEntries((r.inputs.tags as { key: string; value: string }[]).map((t) => [t.key, t.value]))
    : (r.inputs.tags as Record<string, string>);

/** The blocks a rule admits through a prefix list: the entries of the list its id comes from, in its stack. */
function listEntries(r: PlanResource): string[] {
  const list = dep(r, "prefixListId");
  expect(list.type).toBe(T.prefixList);
  expect(list.urn.split("::")[0]).toBe(r.urn.split("::")[0]);
  return (list.inputs.entries as { cidr: string }[]).map((e) => e.cidr);
}

/**
 * A security group's rules as `protocol from-to peer` strings, a rule on a prefix list once per
 * entry (what the group admits, as AWS applies it); a referenced group shows as `sg:<name>`. A block
 * on two lists shows once.
 */
function rulesOf(sgName: string, type: string): string[] {
  const group = run.named(T.sg, sgName);
  const admitted = run
    .ofType(type)
    .filter((r) => r.propertyDependencies.securityGroupId?.[0] === group.urn)
    .flatMap((r) => {
      const peers =
        r.inputs.cidrIpv4 !== undefined
          ? [r.inputs.cidrIpv4 as string]
          : r.propertyDependencies.prefixListId
            ? listEntries(r)
            : [`sg:${dep(r, "referencedSecurityGroupId").name}`];
      return peers.map((peer) => `${r.inputs.ipProtocol} ${r.inputs.fromPort}-${r.inputs.toPort} ${peer}`);
    });
  return [...new Set(admitted)].sort();
}
const rule = (protocol: string, from: number, to: number, peer: string) => `${protocol} ${from}-${to} ${peer}`;
const sip = (peer: string) => [
  rule("udp", 5060, 5060, peer),
  rule("tcp", 5060, 5060, peer),
  rule("tcp", 5061, 5061, peer),
];
const { rtp, coreSip, coreApi, database: dbPort } = config.ports;
const otherSites = (site: string) =>
  config.sites.filter((s) => s.name !== site).map((s) => (s.kind === "aws" ? tierCidr(s.cidr, "core") : s.cidr));

describe("pools of the prod stack", () => {
  describe("SBCs", () => {
    it("runs the configured number of SBCs per site, round-robin over distinct AZs of the edge subnets", () => {
      awsSites.forEach((site) => {
        const sbcs = run.ofType(T.instance).filter((i) => tagsOf(i).site === site.name && tagsOf(i).tier === "sbc");
        expect(sbcs).toHaveLength(site.pools.sbc.count);
        const subnets = sbcs.map((i) => dep(i, "subnetId"));
        subnets.forEach((s) => expect(tagsOf(s)["subnet-tier"]).toBe("edge"));
        expect(new Set(subnets.map((s) => s.inputs.availabilityZone)).size).toBe(
          Math.min(site.pools.sbc.count, site.azCount),
        );
        const template = run.named(T.template, `${site.name}-pools-sbc`);
        sbcs.forEach((i) => {
          // A public address from the first boot; the group on the instance's network interface, none in
          // the template (EC2 refuses a network interface beside template groups).
          expect(i.inputs.associatePublicIpAddress).toBe(true);
          expect(i.propertyDependencies.vpcSecurityGroupIds).toEqual([run.named(T.sg, `${site.name}-pools-sbc`).urn]);
          expect(dep(i, "launchTemplate").urn).toBe(template.urn);
          expect(template.inputs.vpcSecurityGroupIds ?? null).toBeNull();
          expect(i.inputs.instanceType).toBe(site.pools.sbc.instanceType);
          expect(dep(i, "launchTemplate").inputs.instanceType).toBe(site.pools.sbc.instanceType);
        });
      });
    });

    it("gives every SBC its own Elastic IP, Shield Advanced protection and an auto-recover alarm", () => {
      awsSites.forEach((site) => {
        Array.from({ length: site.pools.sbc.count }, (_, i) => `${site.name}-pools-sbc-${i + 1}`).forEach((slot) => {
          const instance = run.named(T.instance, slot);
          const eip = run.named(T.eip, slot);
          expect(eip.inputs.domain).toBe("vpc");
          const association = run.named(T.eipAssociation, slot);
          expect(dep(association, "allocationId").urn).toBe(eip.urn);
          expect(dep(association, "instanceId").urn).toBe(instance.urn);
          const shield = run.named(T.shield, slot);
          expect(dep(shield, "resourceArn").urn).toBe(eip.urn);
          // Shield's form for an Elastic IP, not the provider's `arn` (elastic-ip/...).
          expect(shield.inputs.resourceArn).toBe(
            `arn:aws:ec2:${site.region}:${MOCK_ACCOUNT_ID}:eip-allocation/${mockId(T.eip, slot)}`,
          );
          const recover = run.named(T.alarm, `${slot}-recover`);
          expect(recover.inputs).toMatchObject({
            namespace: "AWS/EC2",
            metricName: "StatusCheckFailed_System",
            threshold: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
          });
          expect(dep(recover, "dimensions").urn).toBe(instance.urn);
          expect(recover.inputs.alarmActions).toContain(`arn:aws:automate:${site.region}:ec2:recover`);
          const cpu = run.named(T.alarm, `${slot}-cpu-scale-out`);
          expect(cpu.inputs).toMatchObject({
            metricName: "CPUUtilization",
            threshold: config.capacity.scaleOutPercent,
          });
          expect(cpu.propertyDependencies.alarmActions).toEqual([nocTopic(site.name).urn]);
        });
      });
      expect(run.ofType(T.eip).filter((e) => tagsOf(e).tier === "sbc")).toHaveLength(
        awsSites.reduce((n, s) => n + s.pools.sbc.count, 0),
      );
      expect(run.ofType(T.shield)).toHaveLength(run.ofType(T.eip).filter((e) => tagsOf(e).tier === "sbc").length);
    });

    it("opens SIP and RTP only to configured carriers and customers, and SIP to the core", () => {
      const siteConfig = awsSites[0];
      const site = siteConfig.name;
      const expectedIn = [
        ...config.carriers.flatMap((c) => [
          ...c.signallingCidrs.flatMap(sip),
          ...c.mediaCidrs.map((m) => rule("udp", rtp.from, rtp.to, m)),
        ]),
        ...config.customers.flatMap((c) =>
          c.sipCidrs.flatMap((cidr) => [...sip(cidr), rule("udp", rtp.from, rtp.to, cidr)]),
        ),
        rule("udp", coreSip, coreSip, `sg:${site}-pools-core`),
        rule("tcp", coreSip, coreSip, `sg:${site}-pools-core`),
      ].sort();
      expect(rulesOf(`${site}-pools-sbc`, T.ingress)).toEqual(expectedIn);
      const expectedOut = [
        ...config.carriers.flatMap((c) => [
          ...c.signallingCidrs.flatMap(sip),
          ...c.mediaCidrs.map((m) => rule("udp", 1024, 65535, m)),
        ]),
        ...config.customers.flatMap((c) =>
          c.sipCidrs.flatMap((cidr) => [...sip(cidr), rule("udp", 1024, 65535, cidr)]),
        ),
        rule("udp", coreSip, coreSip, `sg:${site}-pools-core`),
        rule("tcp", coreSip, coreSip, `sg:${site}-pools-core`),
        // New calls to the core's internal SIP balancer, whose nodes sit in the core subnets.
        rule("udp", coreSip, coreSip, tierCidr(siteConfig.cidr, "core")),
        rule("tcp", coreSip, coreSip, tierCidr(siteConfig.cidr, "core")),
        rule("tcp", 443, 443, "0.0.0.0/0"),
      ].sort();
      expect(rulesOf(`${site}-pools-sbc`, T.egress)).toEqual(expectedOut);
    });

    it("describes each allowlisted block with the carrier or customer it belongs to", () => {
      const site = awsSites[0].name;
      const lists = run.ofType(T.prefixList).filter((l) => l.name.startsWith(`${site}-allowlists-`));
      const entries = lists.flatMap((l) => l.inputs.entries as { cidr: string; description: string }[]);
      expect(entries.length).toBeGreaterThan(0);
      entries.forEach((e) => {
        const owners = [
          ...config.carriers.filter((c) => [...c.signallingCidrs, ...c.mediaCidrs].includes(e.cidr)).map((c) => c.name),
          ...config.customers.filter((c) => c.sipCidrs.includes(e.cidr)).map((c) => c.name),
          ...config.sites.filter((x) => x.name !== site && e.description.endsWith(` ${x.name}`)).map((x) => x.name),
        ];
        expect([e.cidr, owners.some((o) => e.description.includes(o))]).toEqual([e.cidr, true]);
      });
    });

    it("keeps one rule per list and port range whatever the number of blocks: the lists hold the blocks", () => {
      const site = awsSites[0].name;
      const group = run.named(T.sg, `${site}-pools-sbc`);
      const onLists = run
        .ofType(T.ingress)
        .filter(
          (r) => r.propertyDependencies.securityGroupId?.[0] === group.urn && r.propertyDependencies.prefixListId,
        );
      // SIP on three ports and RTP from the customers, SIP from the carriers' signalling, RTP from their media.
      const customers = config.customers.length > 0 ? 4 : 0;
      expect(onLists).toHaveLength(3 + 1 + customers);
      // Each list holds exactly its entries, and AWS counts each rule on it as that many (maxEntries).
      run.ofType(T.prefixList).forEach((l) => expect(l.inputs.maxEntries).toBe((l.inputs.entries as unknown[]).length));
    });
  });

  describe("web and core pools", () => {
    it("sizes both Auto Scaling groups from config, without a desired count, in their own tier's subnets", () => {
      awsSites.forEach((site) => {
        (["web", "core"] as const).forEach((tier) => {
          const group = run.named(T.group, `${site.name}-pools-${tier}-hosts`);
          expect(group.inputs).toMatchObject({
            minSize: site.pools[tier].min,
            maxSize: site.pools[tier].max,
            healthCheckType: "ELB",
          });
          expect(group.inputs.minSize as number).toBeGreaterThanOrEqual(2);
          expect(group.inputs.desiredCapacity ?? null).toBeNull();
          const subnets = group.propertyDependencies.vpcZoneIdentifiers.map(byUrn);
          expect(subnets).toHaveLength(site.azCount);
          subnets.forEach((s) => expect(tagsOf(s)["subnet-tier"]).toBe(tier));
          expect(new Set(subnets.map((s) => s.inputs.availabilityZone)).size).toBe(site.azCount);
          expect(group.inputs.instanceRefresh).toMatchObject({ strategy: "Rolling" });
          expect(dep(group, "launchTemplate").name).toBe(`${site.name}-pools-${tier}-hosts`);
          expect(tagsOf(group).tier).toBe(tier);
        });
      });
    });

    it("tracks the design load and, at the scale-out threshold, adds hosts by step and tells the NOC", () => {
      awsSites.forEach((site) => {
        (["web", "core"] as const).forEach((tier) => {
          const name = `${site.name}-pools-${tier}-hosts`;
          const group = run.named(T.group, name);
          const policies = run.ofType(T.policy).filter((p) => dep(p, "autoscalingGroupName").urn === group.urn);
          expect(policies.map((p) => p.inputs.policyType).sort()).toEqual(["StepScaling", "TargetTrackingScaling"]);
          const tracking = run.named(T.policy, `${name}-design-load`);
          expect(tracking.inputs.targetTrackingConfiguration).toEqual({
            predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
            targetValue: config.capacity.designLoadPercent,
          });
          const step = run.named(T.policy, `${name}-scale-out`);
          expect(step.inputs.adjustmentType).toBe("ChangeInCapacity");
          expect(
            (step.inputs.stepAdjustments as { scalingAdjustment: number }[]).every((s) => s.scalingAdjustment > 0),
          ).toBe(true);
          const alarm = run.named(T.alarm, `${name}-cpu-scale-out`);
          expect(alarm.inputs).toMatchObject({
            namespace: "AWS/EC2",
            metricName: "CPUUtilization",
            threshold: config.capacity.scaleOutPercent,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
          });
          expect((alarm.inputs.dimensions as Record<string, string>)[AGENT_METRICS.groupDimension]).toBeDefined();
          expect(alarm.propertyDependencies.dimensions).toEqual([group.urn]);
          expect(alarm.propertyDependencies.alarmActions.sort()).toEqual([step.urn, nocTopic(site.name).urn].sort());
        });
      });
    });

    it("opens the core only to its SBCs, its web hosts, the other sites and the admin VPN (API only)", () => {
      awsSites.forEach((site) => {
        const s = site.name;
        const peers = otherSites(s).flatMap((cidr) => [
          rule("udp", coreSip, coreSip, cidr),
          rule("tcp", coreSip, coreSip, cidr),
          rule("tcp", coreApi, coreApi, cidr),
        ]);
        expect(rulesOf(`${s}-pools-core`, T.ingress)).toEqual(
          [
            rule("udp", coreSip, coreSip, `sg:${s}-pools-sbc`),
            rule("tcp", coreSip, coreSip, `sg:${s}-pools-sbc`),
            // Through the SIP balancer (no security group, client addresses kept): the SBCs' calls from the
            // edge subnets, its TCP health checks from its nodes in the core subnets.
            rule("udp", coreSip, coreSip, tierCidr(site.cidr, "edge")),
            rule("tcp", coreSip, coreSip, tierCidr(site.cidr, "edge")),
            rule("tcp", coreSip, coreSip, tierCidr(site.cidr, "core")),
            rule("tcp", coreApi, coreApi, `sg:${s}-pools-web`),
            ...peers,
            // Client VPN hands admin traffic from its own interfaces in the hosting site's core subnets:
            // that site admits the endpoint's group; the others admit it through that site's core CIDR.
            ...(s === (config.admin.vpnSite ?? awsSites[0].name)
              ? [rule("tcp", coreApi, coreApi, `sg:${s}-admin-vpn-sg`)]
              : []),
          ].sort(),
        );
        const dataTier = (name: string) => tierCidr(awsSites.find((a) => a.name === name)!.cidr, "data");
        const databases = [config.database.site, ...(config.database.replicaSite === s ? [s] : [])].map((d) =>
          rule("tcp", dbPort, dbPort, dataTier(d)),
        );
        expect(rulesOf(`${s}-pools-core`, T.egress)).toEqual(
          [
            rule("udp", coreSip, coreSip, `sg:${s}-pools-sbc`),
            rule("tcp", coreSip, coreSip, `sg:${s}-pools-sbc`),
            ...peers,
            ...databases,
            rule("tcp", 443, 443, "0.0.0.0/0"),
          ].sort(),
        );
      });
    });

    it("puts an internet-facing ALB in the edge subnets that accepts 80/443 from Cloudflare only; hosts accept only the ALB", () => {
      awsSites.forEach((site) => {
        const s = site.name;
        const alb = run.named("aws:lb/loadBalancer:LoadBalancer", `${s}-pools-web-alb`);
        expect(alb.inputs).toMatchObject({ internal: false, loadBalancerType: "application" });
        expect(tagsOf(alb).tier).toBe("web");
        alb.propertyDependencies.subnets
          .map(byUrn)
          .forEach((subnet) => expect(tagsOf(subnet)["subnet-tier"]).toBe("edge"));
        expect(alb.propertyDependencies.securityGroups.map((u) => byUrn(u).name)).toEqual([`${s}-pools-alb`]);
        expect(rulesOf(`${s}-pools-alb`, T.ingress)).toEqual(
          CLOUDFLARE_IPV4.flatMap((c) => [rule("tcp", 80, 80, c), rule("tcp", 443, 443, c)]).sort(),
        );
        expect(rulesOf(`${s}-pools-alb`, T.egress)).toEqual([rule("tcp", 80, 80, `sg:${s}-pools-web`)]);
        expect(rulesOf(`${s}-pools-web`, T.ingress)).toEqual([rule("tcp", 80, 80, `sg:${s}-pools-alb`)]);
        expect(rulesOf(`${s}-pools-web`, T.egress)).toEqual(
          [rule("tcp", coreApi, coreApi, `sg:${s}-pools-core`), rule("tcp", 443, 443, "0.0.0.0/0")].sort(),
        );
      });
    });

    it("serves HTTPS with a certificate validated through Cloudflare, and redirects HTTP", () => {
      const s = awsSites[0].name;
      const listeners = run.ofType("aws:lb/listener:Listener").filter((l) => l.name.startsWith(`${s}-pools-web-`));
      const https = listeners.find((l) => l.inputs.port === 443)!;
      const http = listeners.find((l) => l.inputs.port === 80)!;
      expect(listeners).toHaveLength(2);
      expect(https.inputs.protocol).toBe("HTTPS");
      expect(dep(https, "certificateArn").type).toBe("aws:acm/certificateValidation:CertificateValidation");
      expect(http.inputs.defaultActions).toEqual([
        { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
      ]);
      const cert = run.named("aws:acm/certificate:Certificate", `${s}-pools-web-cert`);
      const fqdns = webFqdns(config.dns);
      expect([cert.inputs.domainName, ...(cert.inputs.subjectAlternativeNames as string[])]).toEqual(fqdns);
      // One validation record per name for the whole stack: ACM gives every region's certificate the same CNAME.
      const records = run
        .ofType("cloudflare:index/dnsRecord:DnsRecord")
        .filter((r) => (r.inputs.comment as string)?.startsWith("ACM validation"));
      expect(records).toHaveLength(fqdns.length);
      expect(new Set(records.map((r) => r.inputs.name)).size).toBe(fqdns.length);
      records.forEach((r) => {
        expect(r.inputs).toMatchObject({ zoneId: config.dns.zoneId, type: "CNAME", proxied: false });
        expect(r.provider).toMatch(/pulumi:providers:cloudflare::cloudflare$/);
      });
      // Each record is the validation CNAME of its own name (the mock answers like ACM: `_<hash>.<name>.`).
      expect(records.map((r) => (r.inputs.name as string).replace(/^_[0-9a-f]+\./, "")).sort()).toEqual(
        [...fqdns].sort(),
      );
      awsSites.forEach((site) => {
        const validation = run.named(
          "aws:acm/certificateValidation:CertificateValidation",
          `${site.name}-pools-web-cert`,
        );
        expect((validation.inputs.validationRecordFqdns as string[]).sort()).toEqual(
          records.map((r) => r.inputs.name as string).sort(),
        );
      });
    });
  });

  describe("launch templates", () => {
    const templates = () => run.ofType(T.template);

    it("pins every pool to its release's exact image id for the site's region, with no image look-up at all (S13)", () => {
      expect(templates()).toHaveLength(awsSites.length * 3);
      // A name look-up stops finding a public image once it is deprecated: the program makes none.
      expect(amiLookups).toEqual([]);
      awsSites.forEach((site) => {
        (["web", "core"] as const).forEach((tier) => {
          const template = run.named(T.template, `${site.name}-pools-${tier}-hosts`);
          const release = config.rhel.find((r) => r.name === site.pools[tier].rhel)!;
          expect(template.inputs.imageId).toBe(release.amiIds![site.region]);
          expect(template.inputs.imageId).toMatch(/^ami-[0-9a-f]{17}$/);
          expect(tagsOf(template)["rhel-release"]).toBe(release.name);
        });
        // SBCs: each slot names its image (S5: a release reaches one slot at a time); the template none.
        expect(run.named(T.template, `${site.name}-pools-sbc`).inputs.imageId).toBeUndefined();
        const sbcRelease = config.rhel.find((r) => r.name === site.pools.sbc.rhel)!;
        const sbcs = run.ofType(T.instance).filter((i) => tagsOf(i).site === site.name);
        expect(sbcs).toHaveLength(site.pools.sbc.count);
        sbcs.forEach((i) => {
          expect(i.inputs.ami).toBe(sbcRelease.amiIds![site.region]);
          expect(tagsOf(i)["rhel-release"]).toBe(sbcRelease.name);
        });
      });
    });

    it("hardens every template: IMDSv2 with one hop, encrypted gp3 root, no key pair, tags on instances and volumes", () => {
      templates().forEach((t) => {
        expect(t.inputs.metadataOptions).toMatchObject({ httpTokens: "required", httpPutResponseHopLimit: 1 });
        const devices = t.inputs.blockDeviceMappings as { ebs: Record<string, unknown> }[];
        expect(devices).toHaveLength(1);
        expect(devices[0].ebs).toMatchObject({ encrypted: "true", volumeType: "gp3" });
        expect(t.inputs.keyName ?? null).toBeNull();
        expect(t.inputs.networkInterfaces ?? null).toBeNull();
        const specs = t.inputs.tagSpecifications as { resourceType: string; tags: Record<string, string> }[];
        expect(specs.map((s) => s.resourceType)).toEqual(expect.arrayContaining(["instance", "volume"]));
        // Core volumes also carry the backup selection tag; nothing else differs from the template's tags.
        const volumeExtra = tagsOf(t).tier === "core" ? { backup: "true" } : {};
        specs.forEach((s) =>
          expect(s.tags).toEqual(s.resourceType === "volume" ? { ...tagsOf(t), ...volumeExtra } : tagsOf(t)),
        );
      });
    });

    it("starts the CloudWatch agent with the site's SSM configuration", () => {
      awsSites.forEach((site) => {
        templates()
          .filter((t) => tagsOf(t).site === site.name)
          .forEach((t) => {
            const script = Buffer.from(t.inputs.userData as string, "base64").toString("utf8");
            expect(script.startsWith("#!/bin/bash\n")).toBe(true);
            expect(script).toContain(`fetch-config -m ec2 -s -c ssm:${agentConfigParameterName("prod", site.name)}`);
            // No host boots before its configuration exists: the user data depends on the parameter.
            const parameter = run.named("aws:ssm/parameter:Parameter", `${site.name}-agent-config`);
            expect(t.propertyDependencies.userData).toEqual([parameter.urn]);
            expect(script).toContain("amazon-ssm-agent");
          });
      });
    });

    it("gives hosts a role with Session Manager and the CloudWatch agent only", () => {
      templates().forEach((t) => {
        const profile = dep(t, "iamInstanceProfile");
        const role = dep(profile, "role");
        expect(JSON.parse(role.inputs.assumeRolePolicy as string).Statement[0].Principal).toEqual({
          Service: "ec2.amazonaws.com",
        });
        const attached = run
          .ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
          .filter((a) => dep(a, "role").urn === role.urn);
        expect(attached.map((a) => a.inputs.policyArn).sort()).toEqual([
          "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
          "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
        ]);
        expect(
          run.ofType("aws:iam/rolePolicy:RolePolicy").filter((p) => p.propertyDependencies.role?.[0] === role.urn),
        ).toEqual([]);
      });
    });
  });

  describe("core database", () => {
    it("runs Multi-AZ PostgreSQL in the data subnets, encrypted with a rotating customer key, private and protected", () => {
      const db = run.named(T.rds, `core-db-${config.database.site}`);
      expect(db.inputs).toMatchObject({
        engine: "postgres",
        engineVersion: config.database.engineVersion,
        instanceClass: config.database.instanceClass,
        multiAz: true,
        storageEncrypted: true,
        publiclyAccessible: false,
        deletionProtection: true,
        backupRetentionPeriod: config.database.backupRetentionDays,
        port: dbPort,
      });
      expect(tagsOf(db)).toMatchObject({ tier: "data", backup: "true", site: config.database.site });
      const key = dep(db, "kmsKeyId");
      expect(key.inputs.enableKeyRotation).toBe(true);
      const subnets = dep(db, "dbSubnetGroupName").propertyDependencies.subnetIds.map(byUrn);
      const site = awsSites.find((s) => s.name === config.database.site)!;
      expect(subnets).toHaveLength(site.azCount);
      subnets.forEach((s) => expect(tagsOf(s)).toMatchObject({ "subnet-tier": "data", site: site.name }));
      const parameters = dep(db, "parameterGroupName");
      expect(parameters.inputs.parameters).toEqual([{ name: "rds.force_ssl", value: "1" }]);
      expect(parameters.inputs.family).toBe(`postgres${config.database.engineVersion.split(".")[0]}`);
    });

    it("admits only its site's core group and the other sites' core tiers, on the database port", () => {
      const s = config.database.site;
      const others = awsSites
        .filter((a) => a.name !== s)
        .map((a) => rule("tcp", dbPort, dbPort, tierCidr(a.cidr, "core")));
      expect(rulesOf(`core-db-${s}-db`, T.ingress)).toEqual(
        [rule("tcp", dbPort, dbPort, `sg:${s}-pools-core`), ...others].sort(),
      );
      expect(rulesOf(`core-db-${s}-db`, T.egress)).toEqual([]);
    });

    it("generates the master password as a secret when a replica exists (RDS cannot replicate a source whose password it manages)", () => {
      const db = run.named(T.rds, `core-db-${config.database.site}`);
      expect(db.inputs.manageMasterUserPassword ?? null).toBeNull();
      expect(db.inputs.password).toBe(SECRET);
      const password = dep(db, "password");
      expect(password.type).toBe("random:index/randomPassword:RandomPassword");
      expect(password.inputs.overrideSpecial).not.toMatch(/[/@" ]/);
      const secret = run.named("aws:secretsmanager/secret:Secret", `core-db-${config.database.site}-master`);
      expect(dep(secret, "kmsKeyId").urn).toBe(dep(db, "kmsKeyId").urn);
      const replicaRegion = awsSites.find((a) => a.name === config.database.replicaSite)!.region;
      expect((secret.inputs.replicas as { region: string }[]).map((r) => r.region)).toEqual([replicaRegion]);
      expect(
        run.named("aws:secretsmanager/secretVersion:SecretVersion", `core-db-${config.database.site}-master`).inputs
          .secretString,
      ).toBe(SECRET);
    });

    it("replicates to the configured second site with a key and firewall of that region", () => {
      const replicaSite = awsSites.find((a) => a.name === config.database.replicaSite)!;
      const replica = run.named(T.rds, `core-db-${replicaSite.name}-replica`);
      // It follows the primary's ARN as the primary site's stack exports it (a StackReference).
      expect(replica.inputs.replicateSourceDb).toBe(run.stacks[`prod-${config.database.site}`].outputs.databaseArn);
      expect(replica.inputs.replicateSourceDb).toMatch(/^arn:aws:rds:/);
      expect(replica.propertyDependencies.replicateSourceDb).toEqual([
        `urn:pulumi:prod-${replicaSite.name}::callmyway-network::pulumi:pulumi:StackReference::prod-${config.database.site}-reference`,
      ]);
      expect(replica.inputs).toMatchObject({
        storageEncrypted: true,
        publiclyAccessible: false,
        deletionProtection: true,
      });
      // The replica is itself a copy: the backup plan selects the primary only.
      expect(tagsOf(replica).backup).toBeUndefined();
      expect(replica.provider).toMatch(new RegExp(`::${replicaSite.name}-aws$`));
      const key = dep(replica, "kmsKeyId");
      expect(key.provider).toBe(replica.provider);
      expect(key.inputs.enableKeyRotation).toBe(true);
      expect(rulesOf(`core-db-${replicaSite.name}-db`, T.ingress)).toEqual([
        rule("tcp", dbPort, dbPort, `sg:${replicaSite.name}-pools-core`),
      ]);
    });
  });

  describe("trunk table and outputs", () => {
    it("publishes the trunk table per site, carriers in config order", () => {
      awsSites.forEach((site) => {
        const parameter = run.named(T.parameter, `${site.name}-pools-trunks`);
        expect(parameter.inputs).toMatchObject({ name: `/callmyway/prod/${site.name}/trunks`, type: "String" });
        expect(JSON.parse(parameter.inputs.insecureValue as string)).toEqual(buildTrunkTable(config.carriers));
        expect(JSON.parse(parameter.inputs.insecureValue as string).destinations.MX).toEqual([
          "carrier-atlas",
          "carrier-borealis",
          "carrier-cosmos",
        ]);
      });
    });

    it("exports each site's ALB name and SBC public IPs", () => {
      awsSites.forEach((site) => {
        const entry = run.stacks[`prod-${site.name}`].outputs.entryPoints as {
          albDnsName: string;
          sbcs: { slot: number; publicIp: string }[];
        };
        expect(entry.albDnsName).toMatch(new RegExp(`\\.${site.region}\\.elb\\.amazonaws\\.com$`));
        expect(entry.sbcs.map((s) => s.slot)).toEqual([...Array(site.pools.sbc.count).keys()]);
        expect(new Set(entry.sbcs.map((s) => s.publicIp)).size).toBe(site.pools.sbc.count);
      });
    });

    it("tags every pool resource with its tier", () => {
      const expectTier = (type: string, tier: string, filter: (r: PlanResource) => boolean = () => true) =>
        run
          .ofType(type)
          .filter(filter)
          .forEach((r) => expect([r.name, tagsOf(r).tier]).toEqual([r.name, tier]));
      expectTier(T.instance, "sbc");
      expectTier(T.group, "web", (g) => g.name.includes("-web-"));
      expectTier(T.group, "core", (g) => g.name.includes("-core-"));
      expectTier(T.rds, "data");
      expectTier("aws:kms/key:Key", "data", (k) => k.name.startsWith("core-db-"));
      expectTier(T.parameter, "sbc", (p) => p.name.endsWith("-trunks"));
    });
  });
});

function nocTopic(site: string): PlanResource {
  return run.named(T.topic, `${site}-alerts-${config.monitoring.levels[0].name}`);
}

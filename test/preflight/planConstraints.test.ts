import type { PlanResource } from "../../tools/plan/capture";
import { PLAN_CONSTRAINTS } from "../../tools/preflight";
import type { PlanConstraint } from "../../tools/preflight/types";
import { planView } from "../../tools/preflight/view";
import { awsProvider, res, view } from "./fragments";

interface Case {
  readonly ok: PlanResource[];
  readonly bad: PlanResource[];
  /** Names of the resources the broken fragment must be reported on, exactly. */
  readonly reported: string[];
  readonly awsQuotas?: Record<string, number>;
  readonly now?: Date;
}

const use1 = awsProvider("us-east-1");
const euw1 = awsProvider("eu-west-1");
const vpc = res("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.10.0.0/16" });
const subnet = (name: string, az: string, cidr = "10.10.0.0/24") =>
  res("aws:ec2/subnet:Subnet", name, { cidrBlock: cidr, availabilityZone: az }, { vpcId: vpc }, use1);
const [a, b, a2] = [
  subnet("a", "us-east-1a", "10.10.0.0/24"),
  subnet("b", "us-east-1b", "10.10.1.0/24"),
  subnet("a2", "us-east-1a", "10.10.2.0/24"),
];
const group = res("aws:ec2/securityGroup:SecurityGroup", "sg", { description: "x", name: "sg-1a" });
const ingress = (name: string, port: number) =>
  res(
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    name,
    { ipProtocol: "tcp", fromPort: port, toPort: port, cidrIpv4: "10.0.0.0/8" },
    { securityGroupId: group },
  );
const egress = (name: string, port: number) =>
  res(
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    name,
    { ipProtocol: "tcp", fromPort: port, toPort: port, cidrIpv4: "10.0.0.0/8" },
    { securityGroupId: group },
  );
const acl = res("aws:ec2/networkAcl:NetworkAcl", "acl", {}, { vpcId: vpc });
const aclRule = (name: string, n: number, egressRule = false) =>
  res(
    "aws:ec2/networkAclRule:NetworkAclRule",
    name,
    { ruleNumber: n, egress: egressRule, protocol: "6", ruleAction: "allow", cidrBlock: "10.0.0.0/8" },
    { networkAclId: acl },
  );
const table = res("aws:ec2/routeTable:RouteTable", "rt", {}, { vpcId: vpc });
const route = (name: string, dest: string) =>
  res("aws:ec2/route:Route", name, { destinationCidrBlock: dest, gatewayId: "igw-1" }, { routeTableId: table });
const tgwTable = res("aws:ec2transitgateway/transitGateway:TransitGateway", "tgw", {});
const tgwRoute = (name: string, dest: string) =>
  res(
    "aws:ec2transitgateway/route:Route",
    name,
    { destinationCidrBlock: dest, transitGatewayAttachmentId: "tgw-attach-1" },
    { transitGatewayRouteTableId: tgwTable },
  );
const endpoint = res("aws:ec2clientvpn/endpoint:Endpoint", "cvpn", { clientCidrBlock: "10.250.0.0/22" });
const cvpnRoute = (name: string, dest: string, via = a) =>
  res(
    "aws:ec2clientvpn/route:Route",
    name,
    { destinationCidrBlock: dest },
    { clientVpnEndpointId: endpoint, targetVpcSubnetId: via },
  );
const association = (name: string, s: PlanResource) =>
  res("aws:ec2/routeTableAssociation:RouteTableAssociation", name, {}, { routeTableId: table, subnetId: s });
const igw = (name: string) => res("aws:ec2/internetGateway:InternetGateway", name, {}, { vpcId: vpc });
const alb = res("aws:lb/loadBalancer:LoadBalancer", "alb", { loadBalancerType: "application" }, { subnets: [a, b] });
const listener = (name: string, port: number) =>
  res("aws:lb/listener:Listener", name, { port, protocol: "HTTP" }, { loadBalancerArn: alb });
const eip = (name: string, provider = use1) => res("aws:ec2/eip:Eip", name, { domain: "vpc" }, {}, provider);
const shield = (name: string, e: PlanResource) =>
  res("aws:shield/protection:Protection", name, { name }, { resourceArn: e });
const cfLb = (name: string, host: string) =>
  res("cloudflare:index/loadBalancer:LoadBalancer", name, { name: host, zoneId: "z" });
const record = (name: string, host: string, type: string, content: string) =>
  res("cloudflare:index/dnsRecord:DnsRecord", name, { zoneId: "z", name: host, type, content, ttl: 60 });
const ruleset = (name: string, phase: string) =>
  res("cloudflare:index/ruleset:Ruleset", name, { zoneId: "z", kind: "zone", phase, name });
const certificate = (name: string, domains: string[]) =>
  res("aws:acm/certificate:Certificate", name, { domainName: domains[0], subjectAlternativeNames: domains.slice(1) });
const validation = (name: string, c: PlanResource) =>
  res(
    "cloudflare:index/dnsRecord:DnsRecord",
    name,
    { zoneId: "z", name: "[unknown]", type: "[unknown]", content: "[unknown]" },
    { name: c },
  );
const [certUse1, certEuw1] = [
  certificate("use1-cert", ["www.callmyway.com", "api.callmyway.com"]),
  certificate("euw1-cert", ["www.callmyway.com", "api.callmyway.com"]),
];
const template = (name: string, groups: string[]) =>
  res("aws:ec2/launchTemplate:LaunchTemplate", name, { vpcSecurityGroupIds: groups });
const instance = (name: string, t: PlanResource, extra = {}) =>
  res("aws:ec2/instance:Instance", name, { ...extra }, { launchTemplate: t });
const endpointIn = (name: string, service: string, provider: PlanResource) =>
  res("aws:ec2/vpcEndpoint:VpcEndpoint", name, { serviceName: service, vpcEndpointType: "Interface" }, {}, provider);
const spread = (kind: string, property: string, name: string, subnets: PlanResource[]) =>
  res(kind, name, {}, { [property]: subnets });
const cvpnAssociation = (name: string, s: PlanResource) =>
  res(
    "aws:ec2clientvpn/networkAssociation:NetworkAssociation",
    name,
    {},
    { clientVpnEndpointId: endpoint, subnetId: s },
  );
const paramGroup = (name: string, family: string) =>
  res("aws:rds/parameterGroup:ParameterGroup", name, { family, description: "x" });
const db = (name: string, g: PlanResource, extra = {}, password?: PlanResource) =>
  res(
    "aws:rds/instance:Instance",
    name,
    { engine: "postgres", engineVersion: "16.11", ...extra },
    { parameterGroupName: g, ...(password ? { password } : {}) },
  );
const password = (name: string, special: string) =>
  res("random:index/randomPassword:RandomPassword", name, { length: 32, overrideSpecial: special });
const key = (name: string, bits: number) =>
  res("tls:index/privateKey:PrivateKey", name, { algorithm: "RSA", rsaBits: bits });
const vpnCert = (name: string, k: PlanResource) => res("aws:acm/certificate:Certificate", name, {}, { privateKey: k });
const vpnEndpoint = (name: string, c: PlanResource) =>
  res("aws:ec2clientvpn/endpoint:Endpoint", name, {}, { serverCertificateArn: c });
const many = (n: number, make: (i: number) => PlanResource) => Array.from({ length: n }, (_, i) => make(i));
const natIn = (name: string, s: PlanResource) =>
  res("aws:ec2/natGateway:NatGateway", name, { connectivityType: "public" }, { subnetId: s });
const peering = (name: string, from: PlanResource, to: PlanResource) =>
  res(
    "aws:ec2transitgateway/peeringAttachment:PeeringAttachment",
    name,
    {},
    { transitGatewayId: from, peerTransitGatewayId: to },
  );
const hub = res("aws:ec2transitgateway/transitGateway:TransitGateway", "hub", {});
const tgws = many(3, (i) => res("aws:ec2transitgateway/transitGateway:TransitGateway", `tgw-${i}`, {}));
const role = res("aws:iam/role:Role", "role", { name: "host" });
const attachment = (i: number) =>
  res(
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    `attach-${i}`,
    { policyArn: `arn:aws:iam::aws:policy/P${i}` },
    { role },
  );
const image = "ami-0123456789abcdef0";
const lookup = (answer: Record<string, string>) => [
  {
    inputs: { filters: [{ name: "name", values: ["RHEL-9.4.0_HVM-20240605-x86_64-82-Hourly2-GP3"] }] },
    answer: { id: image, ...answer },
  },
];
const imageUser = res("aws:ec2/launchTemplate:LaunchTemplate", "sbc", { imageId: image });

/** Cases by the constraint's rule. */
const CASES: Record<string, Case> = {
  "name unique per VPC (case-insensitive)": {
    ok: [
      res("aws:ec2/securityGroup:SecurityGroup", "g1", { name: "web" }, { vpcId: vpc }),
      res("aws:ec2/securityGroup:SecurityGroup", "g2", { name: "sbc" }, { vpcId: vpc }),
    ],
    bad: [
      res("aws:ec2/securityGroup:SecurityGroup", "g1", { name: "web" }, { vpcId: vpc }),
      res("aws:ec2/securityGroup:SecurityGroup", "g2", { name: "WEB" }, { vpcId: vpc }),
    ],
    reported: ["g2"],
  },
  "no duplicate rule in a security group (InvalidPermission.Duplicate)#in": {
    ok: [ingress("r1", 80), ingress("r2", 443)],
    bad: [ingress("r1", 80), ingress("r2", 80)],
    reported: ["r2"],
  },
  "no duplicate rule in a security group (InvalidPermission.Duplicate)#out": {
    ok: [egress("r1", 80), egress("r2", 443)],
    bad: [egress("r1", 80), egress("r2", 80)],
    reported: ["r2"],
  },
  "rule numbers unique per network ACL and direction (NetworkAclEntryAlreadyExists)": {
    ok: [aclRule("n1", 100), aclRule("n2", 100, true)],
    bad: [aclRule("n1", 100), aclRule("n2", 100)],
    reported: ["n2"],
  },
  "one route per destination in a route table (RouteAlreadyExists)": {
    ok: [route("r1", "0.0.0.0/0"), route("r2", "10.0.0.0/8")],
    bad: [route("r1", "0.0.0.0/0"), route("r2", "0.0.0.0/0")],
    reported: ["r2"],
  },
  "one route per destination in a transit gateway route table": {
    ok: [tgwRoute("t1", "10.1.0.0/16"), tgwRoute("t2", "10.2.0.0/16")],
    bad: [tgwRoute("t1", "10.1.0.0/16"), tgwRoute("t2", "10.1.0.0/16")],
    reported: ["t2"],
  },
  "one route per destination and subnet on a Client VPN endpoint": {
    ok: [cvpnRoute("c1", "10.1.0.0/16"), cvpnRoute("c2", "10.1.0.0/16", b)],
    bad: [cvpnRoute("c1", "10.1.0.0/16"), cvpnRoute("c2", "10.1.0.0/16")],
    reported: ["c2"],
  },
  "a subnet (or gateway) associated with one route table": {
    ok: [association("x1", a), association("x2", b)],
    bad: [association("x1", a), association("x2", a)],
    reported: ["x2"],
  },
  "one internet gateway per VPC": { ok: [igw("i1")], bad: [igw("i1"), igw("i2")], reported: ["i2"] },
  "one listener per port on a load balancer (DuplicateListener)": {
    ok: [listener("l1", 80), listener("l2", 443)],
    bad: [listener("l1", 443), listener("l2", 443)],
    reported: ["l2"],
  },
  "one Shield protection per resource": {
    ok: [shield("p1", eip("e1")), shield("p2", eip("e2"))],
    bad: [shield("p1", eip("e1")), shield("p2", eip("e1"))],
    reported: ["p2"],
  },
  "one load balancer per hostname in a zone": {
    ok: [cfLb("w", "www.callmyway.com"), cfLb("p", "portal.callmyway.com")],
    bad: [cfLb("w", "www.callmyway.com"), cfLb("w2", "WWW.callmyway.com")],
    reported: ["w2"],
  },
  "no identical record (same name, type and content) in a zone": {
    ok: [record("s1", "sip.callmyway.com", "A", "192.0.2.1"), record("s2", "sip.callmyway.com", "A", "192.0.2.2")],
    bad: [record("s1", "sip.callmyway.com", "A", "192.0.2.1"), record("s2", "sip.callmyway.com", "A", "192.0.2.1")],
    reported: ["s2"],
  },
  "one entry point ruleset per zone (or account) and phase": {
    ok: [ruleset("ssl", "http_config_settings"), ruleset("waf", "http_request_firewall_custom")],
    bad: [ruleset("ssl", "http_config_settings"), ruleset("ssl-again", "http_config_settings")],
    reported: ["ssl-again"],
  },
  "a CNAME is the only record of its name in the zone": {
    ok: [
      record("c", "www.callmyway.com", "CNAME", "lb.example.net"),
      record("t", "txt.callmyway.com", "TXT", "v=spf1"),
    ],
    bad: [
      record("c", "www.callmyway.com", "CNAME", "lb.example.net"),
      record("t", "www.callmyway.com", "TXT", "v=spf1"),
    ],
    reported: ["c"],
  },
  "one ACM validation record per domain and account (ACM gives every certificate of a domain the same CNAME)": {
    // Two regions' certificates for the same two names: two records, shared, are all the zone can hold.
    ok: [certUse1, certEuw1, validation("use1-v0", certUse1), validation("use1-v1", certUse1)],
    bad: [
      certUse1,
      certEuw1,
      validation("use1-v0", certUse1),
      validation("use1-v1", certUse1),
      validation("euw1-v0", certEuw1),
      validation("euw1-v1", certEuw1),
    ],
    reported: ["use1-v0", "use1-v1"],
  },
  "associatePublicIpAddress with a launch template that sets security groups: EC2 refuses the combination (InvalidParameterCombination)":
    {
      ok: [
        template("t", ["sg-1"]),
        instance("i", template("t", ["sg-1"])),
        template("t2", []),
        instance("i2", template("t2", []), { associatePublicIpAddress: true }),
      ],
      bad: [template("t", ["sg-1"]), instance("i", template("t", ["sg-1"]), { associatePublicIpAddress: true })],
      reported: ["i"],
    },
  "a subnet's CIDR inside its VPC's, overlapping no other subnet of the VPC": {
    ok: [vpc, a, b],
    bad: [vpc, a, subnet("clash", "us-east-1b", "10.10.0.128/25"), subnet("outside", "us-east-1c", "10.20.0.0/24")],
    reported: ["clash", "outside"],
  },
  "a subnet's Availability Zone in its provider's region": {
    ok: [use1, a],
    bad: [use1, subnet("far", "eu-west-1a")],
    reported: ["far"],
  },
  "a VPC endpoint's service in the endpoint's region": {
    ok: [use1, endpointIn("ssm", "com.amazonaws.us-east-1.ssm", use1)],
    bad: [euw1, endpointIn("ssm", "com.amazonaws.us-east-1.ssm", euw1)],
    reported: ["ssm"],
  },
  "load balancer subnets: one per Availability Zone, at least two zones": {
    ok: [a, b, spread("aws:lb/loadBalancer:LoadBalancer", "subnets", "alb", [a, b])],
    bad: [a, a2, spread("aws:lb/loadBalancer:LoadBalancer", "subnets", "alb", [a, a2])],
    reported: ["alb", "alb"],
  },
  "DB subnet group: at least two Availability Zones": {
    ok: [a, b, spread("aws:rds/subnetGroup:SubnetGroup", "subnetIds", "dbs", [a, b])],
    bad: [a, spread("aws:rds/subnetGroup:SubnetGroup", "subnetIds", "dbs", [a])],
    reported: ["dbs"],
  },
  "transit gateway attachment: one subnet per Availability Zone": {
    ok: [a, b, spread("aws:ec2transitgateway/vpcAttachment:VpcAttachment", "subnetIds", "att", [a, b])],
    bad: [a, a2, spread("aws:ec2transitgateway/vpcAttachment:VpcAttachment", "subnetIds", "att", [a, a2])],
    reported: ["att"],
  },
  "interface endpoint: one subnet per Availability Zone": {
    ok: [a, b, spread("aws:ec2/vpcEndpoint:VpcEndpoint", "subnetIds", "ep", [a, b])],
    bad: [a, a2, spread("aws:ec2/vpcEndpoint:VpcEndpoint", "subnetIds", "ep", [a, a2])],
    reported: ["ep"],
  },
  "Client VPN target networks: one subnet per Availability Zone": {
    ok: [a, b, cvpnAssociation("n1", a), cvpnAssociation("n2", b)],
    bad: [a, a2, cvpnAssociation("n1", a), cvpnAssociation("n2", a2)],
    reported: ["n2"],
  },
  "the parameter group's family matches the instance's engine and major version": {
    ok: [paramGroup("pg", "postgres16"), db("db", paramGroup("pg", "postgres16"))],
    bad: [paramGroup("pg", "postgres15"), db("db", paramGroup("pg", "postgres15"))],
    reported: ["pg"],
  },
  'an RDS master password has no /, ", @ or space: the generator must not produce them': {
    ok: [password("pw", "._-"), db("db", paramGroup("pg", "postgres16"), {}, password("pw", "._-"))],
    bad: [password("pw", "._@"), db("db", paramGroup("pg", "postgres16"), {}, password("pw", "._@"))],
    reported: ["pw"],
  },
  "certificates Client VPN uses hold RSA keys of 1024 or 2048 bits": {
    ok: [key("k", 2048), vpnCert("c", key("k", 2048)), vpnEndpoint("e", vpnCert("c", key("k", 2048)))],
    bad: [key("k", 4096), vpnCert("c", key("k", 4096)), vpnEndpoint("e", vpnCert("c", key("k", 4096)))],
    reported: ["k"],
  },
  securityGroupRulesPerDirection: {
    ok: [group, ...many(60, (i) => ingress(`r${i}`, 1000 + i))],
    bad: [group, ...many(61, (i) => ingress(`r${i}`, 1000 + i))],
    reported: ["sg"],
  },
  transitGatewayPeeringsPerGateway: {
    ok: [hub, ...tgws, ...tgws.slice(1).map((t, i) => peering(`p${i}`, hub, t))],
    bad: [hub, ...tgws, ...tgws.map((t, i) => peering(`p${i}`, hub, t))],
    reported: ["hub"],
    awsQuotas: { transitGatewayPeeringsPerGateway: 2 },
  },
  elasticIpsPerRegion: {
    ok: [use1, euw1, ...many(5, (i) => eip(`e${i}`)), eip("other", euw1)],
    bad: [use1, ...many(6, (i) => eip(`e${i}`))],
    reported: ["e0"],
  },
  natGatewaysPerAz: {
    ok: [a, ...many(5, (i) => natIn(`n${i}`, a))],
    bad: [a, ...many(6, (i) => natIn(`n${i}`, a))],
    reported: ["n0"],
  },
  vpcsPerRegion: {
    ok: [use1, ...many(5, (i) => res("aws:ec2/vpc:Vpc", `v${i}`, {}, {}, use1))],
    bad: [use1, ...many(6, (i) => res("aws:ec2/vpc:Vpc", `v${i}`, {}, {}, use1))],
    reported: ["v0"],
  },
  securityGroupsPerRegion: {
    ok: [
      use1,
      euw1,
      ...many(3, (i) => res("aws:ec2/securityGroup:SecurityGroup", `g${i}`, {}, {}, use1)),
      res("aws:ec2/securityGroup:SecurityGroup", "far", {}, {}, euw1),
    ],
    bad: [use1, ...many(4, (i) => res("aws:ec2/securityGroup:SecurityGroup", `g${i}`, {}, {}, use1))],
    reported: ["g0"],
    awsQuotas: { securityGroupsPerRegion: 3 },
  },
  siteToSiteVpnConnectionsPerRegion: {
    ok: [use1, ...many(50, (i) => res("aws:ec2/vpnConnection:VpnConnection", `v${i}`, {}, {}, use1))],
    bad: [use1, ...many(51, (i) => res("aws:ec2/vpnConnection:VpnConnection", `v${i}`, {}, {}, use1))],
    reported: ["v0"],
  },
  interfaceEndpointsPerVpc: {
    ok: [
      vpc,
      ...many(50, (i) =>
        res("aws:ec2/vpcEndpoint:VpcEndpoint", `e${i}`, { vpcEndpointType: "Interface" }, { vpcId: vpc }),
      ),
    ],
    bad: [
      vpc,
      ...many(51, (i) =>
        res("aws:ec2/vpcEndpoint:VpcEndpoint", `e${i}`, { vpcEndpointType: "Interface" }, { vpcId: vpc }),
      ),
    ],
    reported: ["vpc"],
  },
  clientVpnRoutesPerAssociation: {
    // Routes count per target subnet: 3 and 3 fit a quota of 3, 4 through one subnet do not.
    ok: [
      endpoint,
      ...many(3, (i) => cvpnRoute(`a${i}`, `10.${i}.0.0/16`)),
      ...many(3, (i) => cvpnRoute(`b${i}`, `10.${i}.0.0/16`, b)),
    ],
    bad: [endpoint, ...many(4, (i) => cvpnRoute(`a${i}`, `10.${i}.0.0/16`))],
    reported: ["cvpn"],
    awsQuotas: { clientVpnRoutesPerAssociation: 3 },
  },
  clientVpnAuthorizationRulesPerEndpoint: {
    ok: [
      endpoint,
      ...many(200, (i) =>
        res("aws:ec2clientvpn/authorizationRule:AuthorizationRule", `a${i}`, {}, { clientVpnEndpointId: endpoint }),
      ),
    ],
    bad: [
      endpoint,
      ...many(201, (i) =>
        res("aws:ec2clientvpn/authorizationRule:AuthorizationRule", `a${i}`, {}, { clientVpnEndpointId: endpoint }),
      ),
    ],
    reported: ["cvpn"],
  },
  networkAclRulesPerDirection: {
    ok: [acl, ...many(20, (i) => aclRule(`n${i}`, 100 + i)), aclRule("out", 100, true)],
    bad: [acl, ...many(21, (i) => aclRule(`n${i}`, 100 + i))],
    reported: ["acl"],
  },
  routesPerRouteTable: {
    ok: [table, ...many(50, (i) => route(`r${i}`, `10.${i}.0.0/16`))],
    bad: [table, ...many(51, (i) => route(`r${i}`, `10.${i}.0.0/16`))],
    reported: ["rt"],
  },
  managedPoliciesPerRole: {
    ok: [role, ...many(10, attachment)],
    bad: [role, ...many(11, attachment)],
    reported: ["role"],
  },
  "RDS still creates instances": {
    ok: [db("db", paramGroup("pg", "postgres16"))],
    bad: [db("db", paramGroup("pg", "postgres16"), { engineVersion: "16.4" })],
    reported: ["db"],
  },
  "an image looked up by name is not deprecated on the day of the plan (a look-up without includeDeprecated no longer finds it)":
    {
      ok: [imageUser],
      bad: [imageUser],
      reported: ["sbc"],
      now: new Date("2026-12-02T00:00:00Z"),
    },
};

/** The names-unique-per-region constraints, tested alike: the same name twice in one region (or account). */
function nameCase(c: PlanConstraint): Case {
  const [kind] = c.kinds;
  const property = c.rule.split(" ")[0];
  const global = c.rule.includes("per account");
  const named = (n: string, value: string, provider: PlanResource) => res(kind, n, { [property]: value }, {}, provider);
  return {
    ok: [
      use1,
      euw1,
      named("x", "callmyway-a", use1),
      named("y", "callmyway-b", use1),
      ...(global ? [] : [named("z", "callmyway-a", euw1)]),
    ],
    bad: [
      use1,
      euw1,
      named("x", "callmyway-a", use1),
      named("y", c.rule.includes("case-insensitive") ? "CallMyWay-A" : "callmyway-a", global ? euw1 : use1),
    ],
    reported: ["y"],
  };
}

function caseFor(c: PlanConstraint): Case | undefined {
  if (/^\w+ unique per (region and )?account/.test(c.rule)) return nameCase(c);
  const quota = /awsQuotas\.(\w+)/.exec(c.rule)?.[1];
  const duplicateRule = c.rule.startsWith("no duplicate rule")
    ? `${c.rule}#${c.kinds[0].includes("Ingress") ? "in" : "out"}`
    : undefined;
  return CASES[
    quota ?? duplicateRule ?? (c.rule.startsWith("RDS still creates") ? "RDS still creates instances" : c.rule)
  ];
}

describe("every constraint across resources", () => {
  const all = PLAN_CONSTRAINTS.map((c) => [c.rule, c] as const);

  it("has a passing and a failing case here, and cites its document", () => {
    expect(all.filter(([, c]) => !caseFor(c)).map(([rule]) => rule)).toEqual([]);
    all.forEach(([rule, c]) => expect(`${rule}: ${c.source}`).toMatch(/: https:\/\//));
  });

  it.each(all)("%s", (_rule, c) => {
    const { ok, bad, reported, awsQuotas, now } = caseFor(c)!;
    const lookups = c.rule.startsWith("an image");
    const okView = view(ok, {
      awsQuotas,
      now,
      amiLookups: lookups ? lookup({ creationDate: "2025-06-05T00:00:00.000Z" }) : undefined,
    });
    expect(c.check(okView)).toEqual([]);
    const badView = view(bad, {
      awsQuotas,
      now,
      amiLookups: lookups ? lookup({ creationDate: "2024-06-05T00:00:00.000Z" }) : undefined,
    });
    const found = c.check(badView);
    expect(found.map((v) => v.urn.split("::").pop()).sort()).toEqual([...reported].sort());
    found.forEach((v) => {
      expect(v.source).toBe(c.source);
      expect(v.property.length).toBeGreaterThan(0);
      expect(v.value).not.toBeUndefined();
    });
  });

  it("honours an image's own deprecation time over the two-year default; refuses only look-ups that cannot find it", () => {
    const c = PLAN_CONSTRAINTS.find((x) => x.rule.startsWith("an image"))!;
    // A look-up that asks for deprecated images still finds it; an image pinned by id still launches.
    const including = [
      {
        inputs: {
          includeDeprecated: true,
          filters: [{ name: "name", values: ["RHEL-9.4.0_HVM-20240605-x86_64-82-Hourly2-GP3"] }],
        },
        answer: { id: image, creationDate: "2024-06-05T00:00:00.000Z" },
      },
    ];
    expect(c.check(view([imageUser], { now: new Date("2026-12-02T00:00:00Z"), amiLookups: including }))).toEqual([]);
    const pinned = planView({
      resources: [imageUser],
      projectConfig: {
        rhel: [
          {
            name: "rhel-9.4",
            amiName: "RHEL-9.4.0_HVM-20240605-x86_64-82-Hourly2-GP3",
            amiIds: { "us-east-1": image },
          },
        ],
      },
      now: new Date("2026-12-02T00:00:00Z"),
    });
    expect(c.check(pinned)).toEqual([]);
    const at = (deprecationTime: string) =>
      c.check(
        view([imageUser], {
          now: new Date("2026-12-02T00:00:00Z"),
          amiLookups: lookup({ creationDate: "2024-06-05T00:00:00.000Z", deprecationTime }),
        }),
      );
    expect(at("2027-06-05T00:00:00.000Z")).toEqual([]);
    expect(at("2026-06-05T00:00:00.000Z").map((v) => v.value)).toEqual([
      `RHEL-9.4.0_HVM-20240605-x86_64-82-Hourly2-GP3 (${image}) deprecated since 2026-06-05`,
    ]);
  });
});

// One AWS site as the program builds it, as plan resources: edge (public, network), web, core and data
// subnets with their route tables and ACLs, an SBC instance with an Elastic IP, the web ALB, web and
// core pools, the database, and the security-group rules of the design. Rule tests break it one way.
import { PlanResource } from "../../tools/plan/capture";
import type { NamedSource } from "../../policies/lib/reachability";
import { res, T, tags } from "./fixtures";

export const TGW = "aws:ec2transitgateway/transitGateway:TransitGateway";
export const ACL = "aws:ec2/networkAcl:NetworkAcl";
export const ACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";
export const SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";

export function site(name = "use1", octet = 10) {
  const net = (n: number, prefix = 20) => `10.${octet}.${n}.0/${prefix}`;
  const vpc = res(T.vpc, `${name}-vpc`, { cidrBlock: `10.${octet}.0.0/16`, tags: tags("network", name) });
  const igw = res(T.igw, `${name}-igw`, { tags: tags("network", name) }, { vpcId: vpc });
  const tgw = res(TGW, `${name}-tgw`, { tags: tags("network", name) });
  const subnet = (tier: string, tag: string, n: number) =>
    res(
      T.subnet,
      `${name}-${tier}`,
      { cidrBlock: net(n), mapPublicIpOnLaunch: false, tags: { ...tags(tag, name), "subnet-tier": tier } },
      { vpcId: vpc },
    );
  const edge = subnet("edge", "network", 0);
  const web = subnet("web", "web", 64);
  const core = subnet("core", "core", 128);
  const data = subnet("data", "data", 192);
  const nat = res(T.nat, `${name}-nat`, { tags: tags("network", name) }, { subnetId: edge });
  const table = (s: PlanResource) => res(T.routeTable, s.name, { tags: s.inputs.tags }, { vpcId: vpc });
  const tables = { edge: table(edge), web: table(web), core: table(core), data: table(data) };
  const route = (t: PlanResource, suffix: string, destination: string, target: Record<string, PlanResource>) =>
    res(T.route, `${t.name}-${suffix}`, { destinationCidrBlock: destination }, { routeTableId: t, ...target });
  const routes = [
    route(tables.edge, "internet", "0.0.0.0/0", { gatewayId: igw }),
    route(tables.web, "egress", "0.0.0.0/0", { natGatewayId: nat }),
    route(tables.core, "egress", "0.0.0.0/0", { natGatewayId: nat }),
    route(tables.core, "sites", "10.0.0.0/8", { transitGatewayId: tgw }),
    route(tables.data, "sites", "10.0.0.0/8", { transitGatewayId: tgw }),
  ];
  const associations = (
    [
      [edge, tables.edge],
      [web, tables.web],
      [core, tables.core],
      [data, tables.data],
    ] as const
  ).map(([s, t]) => res(T.rtAssociation, `${s.name}-assoc`, {}, { subnetId: s, routeTableId: t }));
  const acl = (s: PlanResource) =>
    res(ACL, `${s.name}-acl`, { subnetIds: ["[unknown]"], tags: s.inputs.tags }, { subnetIds: s, vpcId: vpc });
  const acls = { core: acl(core), data: acl(data) };
  const aclRule = (a: PlanResource, n: number, cidr: string, action = "allow", extra: Record<string, any> = {}) =>
    res(
      ACL_RULE,
      `${a.name}-${n}`,
      {
        ruleNumber: n,
        egress: false,
        protocol: "-1",
        fromPort: 0,
        toPort: 0,
        cidrBlock: cidr,
        ruleAction: action,
        ...extra,
      },
      { networkAclId: a },
    );
  const aclRules = [
    aclRule(acls.core, 100, "10.0.0.0/8"),
    aclRule(acls.core, 110, "0.0.0.0/0", "allow", { protocol: "6", fromPort: 1024, toPort: 65535 }),
    aclRule(acls.data, 100, "10.0.0.0/8"),
  ];
  const sg = (tier: string, suffix = tier) =>
    res(T.sg, `${name}-${suffix}-sg`, { tags: tags(tier, name) }, { vpcId: vpc });
  const groups = { sbc: sg("sbc"), alb: sg("web", "alb"), web: sg("web"), core: sg("core"), db: sg("data", "db") };
  const template = (tier: string, group: PlanResource) =>
    res(
      T.launchTemplate,
      `${name}-${tier}-lt`,
      {
        imageId: "ami-0123456789abcdef0",
        tags: tags(tier, name),
        tagSpecifications: [{ resourceType: "volume", tags: { ...tags(tier, name), backup: "true" } }],
      },
      { vpcSecurityGroupIds: group },
    );
  const templates = {
    sbc: template("sbc", groups.sbc),
    web: template("web", groups.web),
    core: template("core", groups.core),
  };
  const sbc = res(
    T.instance,
    `${name}-sbc-1`,
    { ami: "ami-0123456789abcdef0", associatePublicIpAddress: false, tags: tags("sbc", name) },
    { subnetId: edge, launchTemplate: templates.sbc },
  );
  const eip = res(T.eip, `${name}-sbc-1-eip`, { domain: "vpc", tags: tags("sbc", name) });
  const eipAssociation = res(T.eipAssociation, `${name}-sbc-1-eip`, {}, { allocationId: eip, instanceId: sbc });
  const alb = res(
    T.lb,
    `${name}-alb`,
    { internal: false, loadBalancerType: "application", tags: tags("web", name) },
    { subnets: edge, securityGroups: groups.alb },
  );
  const asg = (tier: string, s: PlanResource, lt: PlanResource) =>
    res(
      T.asg,
      `${name}-${tier}-asg`,
      {
        minSize: 2,
        tags: Object.entries(tags(tier, name)).map(([key, value]) => ({ key, value, propagateAtLaunch: false })),
      },
      { vpcZoneIdentifiers: s, launchTemplate: lt },
    );
  const pools = { web: asg("web", web, templates.web), core: asg("core", core, templates.core) };
  const subnetGroup = res(SUBNET_GROUP, `${name}-db`, { tags: tags("data", name) }, { subnetIds: data });
  const db = res(
    T.rds,
    `${name}-db`,
    { port: 5432, tags: { ...tags("data", name), backup: "true" } },
    { dbSubnetGroupName: subnetGroup, vpcSecurityGroupIds: groups.db },
  );
  const ingress = (
    rule: string,
    group: PlanResource,
    protocol: string,
    port: number | [number, number],
    from: string | PlanResource,
  ) => {
    const [fromPort, toPort] = typeof port === "number" ? [port, port] : port;
    return typeof from === "string"
      ? res(
          T.ingress,
          `${name}-${rule}`,
          { cidrIpv4: from, ipProtocol: protocol, fromPort, toPort },
          { securityGroupId: group },
        )
      : res(
          T.ingress,
          `${name}-${rule}`,
          { ipProtocol: protocol, fromPort, toPort },
          { securityGroupId: group, referencedSecurityGroupId: from },
        );
  };
  const rules = [
    ingress("sbc-sip-carrier", groups.sbc, "udp", 5060, "64.16.10.0/28"),
    ingress("sbc-rtp-carrier", groups.sbc, "udp", [10000, 20000], "64.16.64.0/24"),
    ingress("sbc-tls-customer", groups.sbc, "tcp", 5061, "91.121.30.0/29"),
    ingress("alb-https-cloudflare", groups.alb, "tcp", 443, "173.245.48.0/20"),
    ingress("web-from-alb", groups.web, "tcp", 80, groups.alb),
    ingress("core-sip-from-sbc", groups.core, "udp", 5060, groups.sbc),
    ingress("core-api-from-web", groups.core, "tcp", 8443, groups.web),
    ingress("core-api-from-other-core", groups.core, "tcp", 8443, "10.20.128.0/18"),
    ingress("core-api-from-dc", groups.core, "tcp", 8443, "10.110.0.0/16"),
    ingress("core-api-from-admin", groups.core, "tcp", 8443, "10.250.0.0/22"),
    ingress("sbc-sip-from-core", groups.sbc, "udp", 5060, groups.core),
    ingress("db-from-core", groups.db, "tcp", 5432, groups.core),
  ];
  const all = [
    vpc,
    igw,
    tgw,
    nat,
    edge,
    web,
    core,
    data,
    ...Object.values(tables),
    ...routes,
    ...associations,
    ...Object.values(acls),
    ...aclRules,
    ...Object.values(groups),
    ...Object.values(templates),
    sbc,
    eip,
    eipAssociation,
    alb,
    ...Object.values(pools),
    subnetGroup,
    db,
    ...rules,
  ];
  return {
    all,
    vpc,
    igw,
    tgw,
    nat,
    edge,
    web,
    core,
    data,
    tables,
    routes,
    acls,
    aclRules,
    groups,
    templates,
    sbc,
    eip,
    alb,
    pools,
    subnetGroup,
    db,
    rules,
    ingress,
    aclRule,
  };
}

/** The named sources of the fixture: as tools/policy/fromStack.ts derives them from a stack file. */
export const NAMED_SOURCES: NamedSource[] = [
  { name: "carrier-atlas", kind: "carrier", cidrs: ["64.16.10.0/28", "64.16.64.0/24"] },
  { name: "acme-pbx", kind: "customer", cidrs: ["91.121.30.0/29"] },
  { name: "Cloudflare", kind: "cloudflare", cidrs: ["173.245.48.0/20", "2400:cb00::/32"] },
  ...["edge", "web", "core", "data"].flatMap((tier, i): NamedSource[] => [
    { name: `use1 ${tier}`, kind: "site", site: "use1", tier, cidrs: [`10.10.${i * 64}.0/18`] },
    { name: `sae1 ${tier}`, kind: "site", site: "sae1", tier, cidrs: [`10.20.${i * 64}.0/18`] },
  ]),
  { name: "mia-dc", kind: "datacentre", site: "mia-dc", cidrs: ["10.110.0.0/16"] },
  { name: "admin VPN", kind: "admin", cidrs: ["10.250.0.0/22"] },
];

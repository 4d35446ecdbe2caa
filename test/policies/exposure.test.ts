// Core and data never reachable from the internet, by any path (S2, S8, S9).
import { noAdminPortsFromInternet } from "../../policies/rules/noAdminPortsFromInternet";
import { noClientVpnAuthorizationToInternet } from "../../policies/rules/noClientVpnAuthorizationToInternet";
import { noInternetFacingLoadBalancerOutsideWeb } from "../../policies/rules/noInternetFacingLoadBalancerOutsideWeb";
import { noInternetIngressOutsideEdgeTiers } from "../../policies/rules/noInternetIngressOutsideEdgeTiers";
import { noInternetRouteFromPrivateTiers } from "../../policies/rules/noInternetRouteFromPrivateTiers";
import { noPubliclyAccessibleDatabase } from "../../policies/rules/noPubliclyAccessibleDatabase";
import { noPublicIpMappingOnPrivateSubnets } from "../../policies/rules/noPublicIpMappingOnPrivateSubnets";
import { noPublicIpOnPrivateTiers } from "../../policies/rules/noPublicIpOnPrivateTiers";
import { failing, res, T, tags } from "./fixtures";

const sg = (tier: string) => res(T.sg, `${tier}-sg`, { vpcId: "[unknown]", tags: tags(tier) });
const ingress = (name: string, group: ReturnType<typeof sg>, inputs: Record<string, any>) =>
  res(
    T.ingress,
    name,
    { ipProtocol: "tcp", fromPort: 443, toPort: 443, description: name, ...inputs },
    { securityGroupId: group },
  );

describe("no-internet-ingress-outside-sbc-and-web", () => {
  const core = sg("core");
  const data = sg("data");
  const network = sg("network");
  const sbc = sg("sbc");
  const web = sg("web");
  const untagged = res(T.sg, "untagged-sg", { vpcId: "[unknown]" });

  it("passes private sources anywhere and public sources on the SBC and web tiers", async () => {
    const resources = [
      core,
      sbc,
      web,
      ingress("core-from-vpc", core, { cidrIpv4: "10.10.0.0/16" }),
      ingress("core-from-cgnat", core, { cidrIpv4: "100.64.0.0/10" }),
      ingress("core-from-sg", core, { referencedSecurityGroupId: "[unknown]" }),
      ingress("sbc-from-carrier", sbc, { cidrIpv4: "64.16.10.0/28", ipProtocol: "udp", fromPort: 5060, toPort: 5060 }),
      ingress("web-from-cloudflare", web, { cidrIpv4: "173.245.48.0/20" }),
      res(
        T.sgRule,
        "core-egress-world",
        { type: "egress", cidrBlocks: ["0.0.0.0/0"], protocol: "-1", fromPort: 0, toPort: 0 },
        { securityGroupId: core },
      ),
    ];
    expect(await failing(noInternetIngressOutsideEdgeTiers, resources)).toEqual([]);
  });

  it("fails every form of public ingress on core, data, network and untagged groups", async () => {
    const resources = [
      core,
      data,
      network,
      untagged,
      ingress("core-world-v4", core, { cidrIpv4: "0.0.0.0/0" }),
      ingress("data-world-v6", data, { cidrIpv6: "::/0" }),
      ingress("network-public-any-protocol", network, {
        cidrIpv4: "8.8.8.0/24",
        ipProtocol: "-1",
        fromPort: undefined,
        toPort: undefined,
      }),
      ingress("untagged-public", untagged, { cidrIpv4: "203.0.113.7/32" }),
      // A rule's own tag cannot move it out of its group's tier.
      ingress("core-rule-tagged-web", core, { cidrIpv4: "1.2.3.0/24", tags: tags("web") }),
      res(
        T.sgRule,
        "core-legacy-rule",
        { type: "ingress", cidrBlocks: ["10.0.0.0/8", "198.51.100.0/24"], protocol: "tcp", fromPort: 80, toPort: 80 },
        { securityGroupId: core },
      ),
      res(T.sg, "data-inline-sg", {
        tags: tags("data"),
        ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] }],
      }),
      res(T.defaultSg, "default-sg", {
        tags: tags("network"),
        ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["2001:db8::/32"] }],
      }),
    ];
    expect(await failing(noInternetIngressOutsideEdgeTiers, resources)).toEqual([
      "core-legacy-rule",
      "core-rule-tagged-web",
      "core-world-v4",
      "data-inline-sg",
      "data-world-v6",
      "default-sg",
      "network-public-any-protocol",
      "untagged-public",
    ]);
  });

  it("takes the internet-facing tiers from config", async () => {
    const resources = [sbc, ingress("sbc-world", sbc, { cidrIpv4: "0.0.0.0/0" })];
    expect(await failing(noInternetIngressOutsideEdgeTiers, resources, { internetFacingTiers: ["web"] })).toEqual([
      "sbc-world",
    ]);
  });
});

describe("no-admin-ports-from-internet", () => {
  const sbc = sg("sbc");
  const core = sg("core");
  it("passes public web ports, ICMP and admin ports from private ranges", async () => {
    const resources = [
      sbc,
      core,
      ingress("https-world", sbc, { cidrIpv4: "0.0.0.0/0" }),
      ingress("ping-world", sbc, { cidrIpv4: "0.0.0.0/0", ipProtocol: "icmp", fromPort: 8, toPort: 0 }),
      ingress("ssh-from-admin-vpn", core, { cidrIpv4: "10.250.0.0/22", fromPort: 22, toPort: 22 }),
      ingress("postgres-from-vpc", core, { cidrIpv4: "10.10.0.0/16", fromPort: 5432, toPort: 5432 }),
    ];
    expect(await failing(noAdminPortsFromInternet, resources)).toEqual([]);
  });

  it("fails SSH, RDP, database ports, ranges and all-protocol rules from public CIDRs on any tier", async () => {
    const resources = [
      sbc,
      core,
      ingress("ssh-world", sbc, { cidrIpv4: "0.0.0.0/0", fromPort: 22, toPort: 22 }),
      ingress("range-covers-rdp", sbc, { cidrIpv4: "64.16.10.0/28", fromPort: 3000, toPort: 4000 }),
      ingress("mongo-v6", core, { cidrIpv6: "::/0", fromPort: 27017, toPort: 27017 }),
      ingress("everything", sbc, { cidrIpv4: "64.16.10.0/28", ipProtocol: "-1" }),
      res(
        T.sgRule,
        "redis-legacy",
        { type: "ingress", cidrBlocks: ["5.6.7.0/24"], protocol: "tcp", fromPort: 6379, toPort: 6379 },
        { securityGroupId: core },
      ),
      res(T.sg, "inline-mysql", {
        tags: tags("web"),
        ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/0"] }],
      }),
    ];
    expect(await failing(noAdminPortsFromInternet, resources)).toEqual([
      "everything",
      "inline-mysql",
      "mongo-v6",
      "range-covers-rdp",
      "redis-legacy",
      "ssh-world",
    ]);
  });

  it("takes the admin ports from config", async () => {
    const resources = [sbc, ingress("alt-ssh", sbc, { cidrIpv4: "0.0.0.0/0", fromPort: 2222, toPort: 2222 })];
    expect(await failing(noAdminPortsFromInternet, resources)).toEqual([]);
    expect(await failing(noAdminPortsFromInternet, resources, { adminPorts: [2222] })).toEqual(["alt-ssh"]);
  });
});

describe("no-public-ip-on-core-or-data", () => {
  const coreSubnet = res(T.subnet, "core-subnet", { tags: tags("core") });
  const coreInstance = res(T.instance, "core-host", { tags: tags("core") });
  const sbcInstance = res(T.instance, "sbc-host", { tags: tags("sbc"), associatePublicIpAddress: true });
  const coreEni = res(T.eni, "core-eni", { tags: tags("core") }, { subnetId: coreSubnet });

  it("passes public addresses on SBCs and NAT, and private hosts without them", async () => {
    const resources = [
      coreSubnet,
      coreInstance,
      sbcInstance,
      res(T.instance, "core-private", { tags: tags("core"), associatePublicIpAddress: false }),
      res(T.launchTemplate, "core-lt", {
        tags: tags("core"),
        networkInterfaces: [{ associatePublicIpAddress: "false" }],
      }),
      res(T.eip, "nat-eip", { domain: "vpc", tags: tags("network") }),
      res(T.eip, "sbc-eip", { domain: "vpc", tags: tags("sbc") }, { instance: sbcInstance }),
      res(T.eipAssociation, "sbc-eip-assoc", {}, { instanceId: sbcInstance }),
    ];
    expect(await failing(noPublicIpOnPrivateTiers, resources)).toEqual([]);
  });

  it("fails public IPs on core/data instances, launch templates, and Elastic IPs on core/data hosts or interfaces", async () => {
    const resources = [
      coreSubnet,
      coreInstance,
      coreEni,
      res(T.instance, "core-public", { tags: tags("core"), associatePublicIpAddress: true }),
      res(T.instance, "untagged-in-core-subnet", { associatePublicIpAddress: true }, { subnetId: coreSubnet }),
      res(T.launchTemplate, "data-lt", {
        tags: tags("data"),
        networkInterfaces: [{ deviceIndex: 0 }, { associatePublicIpAddress: "true" }],
      }),
      res(T.launchTemplate, "core-lt-by-instance-tags", {
        tagSpecifications: [{ resourceType: "instance", tags: tags("core") }],
        networkInterfaces: [{ associatePublicIpAddress: "true" }],
      }),
      res(T.eip, "eip-on-core-host", { domain: "vpc", tags: tags("network") }, { instance: coreInstance }),
      res(T.eip, "eip-on-core-eni", { domain: "vpc" }, { networkInterface: coreEni }),
      res(T.eip, "eip-tagged-data", { domain: "vpc", tags: tags("data") }),
      res(T.eipAssociation, "assoc-to-core-host", {}, { instanceId: coreInstance }),
      res(T.eipAssociation, "assoc-to-core-eni", {}, { networkInterfaceId: coreEni }),
    ];
    expect(await failing(noPublicIpOnPrivateTiers, resources)).toEqual([
      "assoc-to-core-eni",
      "assoc-to-core-host",
      "core-lt-by-instance-tags",
      "core-public",
      "data-lt",
      "eip-on-core-eni",
      "eip-on-core-host",
      "eip-tagged-data",
      "untagged-in-core-subnet",
    ]);
  });
});

describe("no-public-ip-mapping-on-core-or-data-subnets", () => {
  it("fails core and data subnets that map public IPs, and only those", async () => {
    const resources = [
      res(T.subnet, "edge-0", { mapPublicIpOnLaunch: true, tags: { ...tags("network"), "subnet-tier": "edge" } }),
      res(T.subnet, "core-0-off", { mapPublicIpOnLaunch: false, tags: tags("core") }),
      res(T.subnet, "core-0", { mapPublicIpOnLaunch: true, tags: tags("core") }),
      res(T.subnet, "data-0", { mapPublicIpOnLaunch: true, tags: tags("data") }),
      res(T.subnet, "by-subnet-tier", {
        mapPublicIpOnLaunch: true,
        tags: { ...tags("network"), "subnet-tier": "core" },
      }),
    ];
    expect(await failing(noPublicIpMappingOnPrivateSubnets, resources)).toEqual(["by-subnet-tier", "core-0", "data-0"]);
  });
});

describe("no-internet-gateway-route-from-core-or-data", () => {
  const igw = res(T.igw, "igw", { tags: tags("network") });
  const nat = res(T.nat, "nat", { tags: tags("network") });
  const edgeRt = res(T.routeTable, "edge-rt", { tags: tags("network") });
  const coreRt = res(T.routeTable, "core-rt", { tags: tags("core") });
  const dataRt = res(T.routeTable, "data-rt", { tags: tags("data") });
  const coreSubnet = res(T.subnet, "core-subnet", { tags: tags("core") });
  const edgeSubnet = res(T.subnet, "edge-subnet", { tags: tags("network") });
  const edgeDefault = res(
    T.route,
    "edge-default",
    { destinationCidrBlock: "0.0.0.0/0" },
    { routeTableId: edgeRt, gatewayId: igw },
  );
  const base = [igw, nat, edgeRt, coreRt, dataRt, coreSubnet, edgeSubnet, edgeDefault];

  it("passes the edge's internet route, NAT egress for core, and edge subnets on the edge table", async () => {
    const resources = [
      ...base,
      res(T.route, "core-egress", { destinationCidrBlock: "0.0.0.0/0" }, { routeTableId: coreRt, natGatewayId: nat }),
      res(T.rtAssociation, "edge-assoc", {}, { routeTableId: edgeRt, subnetId: edgeSubnet }),
      res(T.rtAssociation, "core-assoc", {}, { routeTableId: coreRt, subnetId: coreSubnet }),
    ];
    expect(await failing(noInternetRouteFromPrivateTiers, resources)).toEqual([]);
  });

  it("fails internet gateway routes from core/data tables (by reference, literal id or inline) and core subnets on an internet table", async () => {
    const resources = [
      ...base,
      res(T.route, "core-to-igw", { destinationCidrBlock: "0.0.0.0/0" }, { routeTableId: coreRt, gatewayId: igw }),
      res(
        T.route,
        "data-to-literal-igw",
        { destinationCidrBlock: "1.2.3.0/24", gatewayId: "igw-0abc" },
        { routeTableId: dataRt },
      ),
      res(
        T.routeTable,
        "core-inline",
        { tags: tags("core"), routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "[unknown]" }] },
        { routes: igw },
      ),
      res(T.rtAssociation, "core-subnet-on-edge", {}, { routeTableId: edgeRt, subnetId: coreSubnet }),
    ];
    expect(await failing(noInternetRouteFromPrivateTiers, resources)).toEqual([
      "core-inline",
      "core-subnet-on-edge",
      "core-to-igw",
      "data-to-literal-igw",
    ]);
  });
});

describe("no-publicly-accessible-database", () => {
  it("fails publicly accessible RDS instances only", async () => {
    const resources = [
      res(T.rds, "private-db", { publiclyAccessible: false, tags: tags("data") }),
      res(T.rds, "default-db", { tags: tags("data") }),
      res(T.rds, "public-db", { publiclyAccessible: true, tags: tags("data") }),
    ];
    expect(await failing(noPubliclyAccessibleDatabase, resources)).toEqual(["public-db"]);
  });
});

describe("no-internet-facing-load-balancer-outside-web", () => {
  it("allows the web entry to face the internet and fails any other tier, including an omitted `internal`", async () => {
    const resources = [
      res(T.lb, "web-alb", { internal: false, loadBalancerType: "application", tags: tags("web") }),
      res(T.lb, "core-nlb", { internal: true, loadBalancerType: "network", tags: tags("core") }),
      res(T.lb, "core-public", { internal: false, tags: tags("core") }),
      res(T.lb, "core-default-public", { tags: tags("core") }),
      res(T.lb, "sbc-public", { internal: false, tags: tags("sbc") }),
    ];
    expect(await failing(noInternetFacingLoadBalancerOutsideWeb, resources)).toEqual([
      "core-default-public",
      "core-public",
      "sbc-public",
    ]);
  });
});

describe("no-client-vpn-authorization-to-internet", () => {
  it("fails authorisations to 0.0.0.0/0 and other public ranges", async () => {
    const resources = [
      res(T.vpnAuth, "to-core", {
        targetNetworkCidr: "10.10.32.0/19",
        authorizeAllGroups: true,
        clientVpnEndpointId: "[unknown]",
      }),
      res(T.vpnAuth, "to-world", {
        targetNetworkCidr: "0.0.0.0/0",
        authorizeAllGroups: true,
        clientVpnEndpointId: "[unknown]",
      }),
      res(T.vpnAuth, "to-public", {
        targetNetworkCidr: "52.0.0.0/8",
        authorizeAllGroups: true,
        clientVpnEndpointId: "[unknown]",
      }),
    ];
    expect(await failing(noClientVpnAuthorizationToInternet, resources)).toEqual(["to-public", "to-world"]);
  });

  it("with the generated core/data list, fails private targets outside it (e.g. a site's edge or web block)", async () => {
    const config = { allowedTargetCidrs: ["10.10.128.0/18", "10.10.192.0/18", "10.110.0.0/16"] };
    const resources = [
      res(T.vpnAuth, "to-core", { targetNetworkCidr: "10.10.128.0/18", clientVpnEndpointId: "[unknown]" }),
      res(T.vpnAuth, "to-dc", { targetNetworkCidr: "10.110.4.0/24", clientVpnEndpointId: "[unknown]" }),
      res(T.vpnAuth, "to-edge", { targetNetworkCidr: "10.10.0.0/18", clientVpnEndpointId: "[unknown]" }),
      res(T.vpnAuth, "to-whole-site", { targetNetworkCidr: "10.10.0.0/16", clientVpnEndpointId: "[unknown]" }),
    ];
    expect(await failing(noClientVpnAuthorizationToInternet, resources, config)).toEqual(["to-edge", "to-whole-site"]);
  });
});

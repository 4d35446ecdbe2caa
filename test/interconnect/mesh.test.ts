import { AwsSiteConfig, NetworkConfig, OnpremSiteConfig } from "../../config";
import { contains, mustParseCidr } from "../../lib/ipv4";
import { PlanResource } from "../../tools/plan/capture";
import { stackConfig } from "../harness/config";
import { Run, runStack } from "../harness/program";

const TGW = "aws:ec2transitgateway/transitGateway:TransitGateway";
const VPC_ATTACHMENT = "aws:ec2transitgateway/vpcAttachment:VpcAttachment";
const PEERING = "aws:ec2transitgateway/peeringAttachment:PeeringAttachment";
const ACCEPTER = "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter";
const TGW_ROUTE = "aws:ec2transitgateway/route:Route";
const VPC_ROUTE = "aws:ec2/route:Route";
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const VPN = "aws:ec2/vpnConnection:VpnConnection";
const CUSTOMER_GATEWAY = "aws:ec2/customerGateway:CustomerGateway";

const tags = (r: PlanResource) => (r.inputs.tags ?? {}) as Record<string, string>;
/**
 * Values other stacks exported, by value -> the URN of the resource they came from: a mesh resource
 * names a site's transit gateway by the id that site's stack exports (a StackReference), not by a
 * dependency the engine sees. Filled from every site stack's `transitGateway` output.
 */
const crossStack = new Map<string, string>();
const dep = (r: PlanResource, prop: string) => {
  const urn = r.propertyDependencies[prop]?.[0];
  return urn && !urn.includes("::pulumi:pulumi:StackReference::") ? urn : crossStack.get(r.inputs[prop] as string);
};
const holds = (outer: string, inner: string) => contains(mustParseCidr(outer), mustParseCidr(inner));

/**
 * The network as AWS would route it, built only from what the program registered: VPC route tables
 * -> transit gateway -> (static routes over peerings) -> peer transit gateway -> VPC or VPN.
 * Transit gateways have default association and propagation on, so each one also knows its VPC's
 * CIDR (VPC attachment) and the CIDR of every data centre with a BGP VPN connection to it.
 */
class Graph {
  constructor(
    private readonly run: Run,
    private readonly config: NetworkConfig,
  ) {}

  private byUrn(urn: string) {
    return this.run.resources.find((r) => r.urn === urn)!;
  }

  tgwOf(site: string) {
    return this.run.ofType(TGW).find((t) => tags(t).site === site)!;
  }

  routeTables(site: string, tier: string) {
    return this.run.ofType(ROUTE_TABLE).filter((t) => tags(t).site === site && tags(t)["subnet-tier"] === tier);
  }

  /** The transit gateway a VPC route table sends `cidr` to, if any. */
  vpcNextHop(table: PlanResource, cidr: string): string | undefined {
    const routes = this.run
      .ofType(VPC_ROUTE)
      .filter((r) => dep(r, "routeTableId") === table.urn && holds(r.inputs.destinationCidrBlock as string, cidr));
    const best = routes.sort(
      (a, b) =>
        mustParseCidr(b.inputs.destinationCidrBlock as string).prefix -
        mustParseCidr(a.inputs.destinationCidrBlock as string).prefix,
    )[0];
    return best ? dep(best, "transitGatewayId") : undefined;
  }

  /** Where `cidr` ends up when it enters transit gateway `tgwUrn`: "site:<name>", "dc:<name>" or undefined. */
  deliver(tgwUrn: string, cidr: string, hops = 0): string | undefined {
    if (hops > 4) return undefined;
    const statics = this.run
      .ofType(TGW_ROUTE)
      .filter(
        (r) => dep(r, "transitGatewayRouteTableId") === tgwUrn && holds(r.inputs.destinationCidrBlock as string, cidr),
      );
    if (statics.length > 0) {
      // Static routes win over propagated ones in a transit gateway route table.
      expect(statics).toHaveLength(1);
      return this.deliver(this.otherEnd(dep(statics[0], "transitGatewayAttachmentId")!, tgwUrn), cidr, hops + 1);
    }
    const attachment = this.run.ofType(VPC_ATTACHMENT).find((a) => dep(a, "transitGatewayId") === tgwUrn);
    const vpc = attachment && this.byUrn(dep(attachment, "vpcId")!);
    if (vpc && holds(vpc.inputs.cidrBlock as string, cidr)) return `site:${tags(vpc).site}`;
    const bgpVpn = this.run
      .ofType(VPN)
      .filter((v) => dep(v, "transitGatewayId") === tgwUrn && v.inputs.staticRoutesOnly === false)
      .map((v) => this.byUrn(dep(v, "customerGatewayId")!).inputs.ipAddress)
      .map((ip) =>
        this.config.sites.find((s): s is OnpremSiteConfig => s.kind === "onprem" && s.vpnDevice.publicIp === ip)!,
      )
      .find((dc) => holds(dc.cidr, cidr));
    return bgpVpn ? `dc:${bgpVpn.name}` : undefined;
  }

  /** The transit gateway on the far side of a peering attachment (referenced by requester or accepter). */
  private otherEnd(attachmentUrn: string, from: string): string {
    const r = this.byUrn(attachmentUrn);
    const peering = r.type === ACCEPTER ? this.byUrn(dep(r, "transitGatewayAttachmentId")!) : r;
    expect(peering.type).toBe(PEERING);
    const ends = [dep(peering, "transitGatewayId")!, dep(peering, "peerTransitGatewayId")!];
    expect(ends).toContain(from);
    return ends.find((e) => e !== from)!;
  }
}

describe.each(["prod", "staging"] as const)("transit mesh and data-centre VPNs of the %s environment", (stack) => {
  let run: Run;
  let graph: Graph;
  const config = stackConfig(stack);
  const aws = config.sites.filter((s): s is AwsSiteConfig => s.kind === "aws");
  const dcs = config.sites.filter((s): s is OnpremSiteConfig => s.kind === "onprem");
  beforeAll(async () => {
    run = await runStack(stack);
    graph = new Graph(run, config);
    aws.forEach((site) => {
      const exported = run.stacks[`${stack}-${site.name}`].outputs.transitGateway as {
        id: string;
        routeTableId: string;
      };
      const tgw = graph.tgwOf(site.name).urn;
      expect(tgw).toContain(`urn:pulumi:${stack}-${site.name}::`);
      crossStack.set(exported.id, tgw);
      crossStack.set(exported.routeTableId, tgw);
    });
  });

  it("has one transit gateway per AWS site, with its ASN, attached through the core subnets", () => {
    expect(run.ofType(TGW)).toHaveLength(aws.length);
    aws.forEach((site) => {
      const tgw = graph.tgwOf(site.name);
      expect(tgw.inputs).toMatchObject({
        amazonSideAsn: site.asn,
        defaultRouteTableAssociation: "enable",
        defaultRouteTablePropagation: "enable",
      });
      const attachment = run.ofType(VPC_ATTACHMENT).find((a) => dep(a, "transitGatewayId") === tgw.urn)!;
      const coreSubnets = run
        .ofType("aws:ec2/subnet:Subnet")
        .filter((s) => tags(s).site === site.name && tags(s)["subnet-tier"] === "core");
      expect([...attachment.propertyDependencies.subnetIds].sort()).toEqual(coreSubnets.map((s) => s.urn).sort());
    });
  });

  it("joins every pair of AWS sites once: n(n-1)/2 peerings, each accepted in the peer's region", () => {
    const peerings = run.ofType(PEERING);
    expect(peerings).toHaveLength((aws.length * (aws.length - 1)) / 2);
    const pairs = peerings.map((p) =>
      [dep(p, "transitGatewayId"), dep(p, "peerTransitGatewayId")]
        .map((u) => tags(run.resources.find((r) => r.urn === u)!).site)
        .sort()
        .join("+"),
    );
    expect(new Set(pairs).size).toBe(peerings.length);
    peerings.forEach((p) => {
      const peerSite = aws.find((s) => s.region === p.inputs.peerRegion)!;
      expect(graph.tgwOf(peerSite.name).urn).toBe(dep(p, "peerTransitGatewayId"));
      const accepter = run.ofType(ACCEPTER).find((a) => dep(a, "transitGatewayAttachmentId") === p.urn)!;
      // One multi-region provider: the accepter names the peer's region itself.
      expect(accepter.inputs.region).toBe(peerSite.region);
      expect(p.inputs.region).not.toBe(peerSite.region);
    });
  });

  it("dual-homes every data centre: two VPN connections (BGP, IKEv2, two tunnels) to two different transit gateways", () => {
    const perDc = aws.length >= 2 ? 2 : 1;
    expect(run.ofType(VPN)).toHaveLength(dcs.length * perDc);
    dcs.forEach((dc) => {
      const gateways = run.ofType(CUSTOMER_GATEWAY).filter((g) => g.inputs.ipAddress === dc.vpnDevice.publicIp);
      expect(gateways.map((g) => g.inputs.bgpAsn)).toEqual(Array(perDc).fill(String(dc.vpnDevice.bgpAsn)));
      const vpns = run.ofType(VPN).filter((v) => gateways.some((g) => g.urn === dep(v, "customerGatewayId")));
      const homes = vpns.map((v) => tags(run.resources.find((r) => r.urn === dep(v, "transitGatewayId"))!).site);
      expect(homes.sort()).toEqual([...(dc.homeSites ?? aws.slice(0, 2).map((s) => s.name))].sort());
      vpns.forEach((v) =>
        [1, 2].forEach((n) =>
          expect(v.inputs).toMatchObject({
            type: "ipsec.1",
            staticRoutesOnly: false,
            [`tunnel${n}IkeVersions`]: ["ikev2"],
            [`tunnel${n}Phase1EncryptionAlgorithms`]: ["AES256", "AES256-GCM-16"],
            [`tunnel${n}Phase2EncryptionAlgorithms`]: ["AES256", "AES256-GCM-16"],
            [`tunnel${n}Phase1IntegrityAlgorithms`]: ["SHA2-256", "SHA2-384", "SHA2-512"],
            [`tunnel${n}Phase2IntegrityAlgorithms`]: ["SHA2-256", "SHA2-384", "SHA2-512"],
            [`tunnel${n}Phase1DhGroupNumbers`]: [19, 20, 21],
            [`tunnel${n}Phase2DhGroupNumbers`]: [19, 20, 21],
            [`tunnel${n}DpdTimeoutAction`]: "restart",
            [`tunnel${n}LogOptions`]: {
              cloudwatchLogOptions: expect.objectContaining({ logEnabled: true, bgpLogEnabled: true }),
            },
          }),
        ),
      );
    });
  });

  it("gives tunnels inside CIDRs that are unique on every transit gateway", () => {
    aws.forEach((site) => {
      const cidrs = run
        .ofType(VPN)
        .filter((v) => dep(v, "transitGatewayId") === graph.tgwOf(site.name).urn)
        .flatMap((v) => [v.inputs.tunnel1InsideCidr as string, v.inputs.tunnel2InsideCidr as string]);
      expect(new Set(cidrs).size).toBe(cidrs.length);
    });
  });

  it("reaches every other site and every data centre from each site's core and data tiers", () => {
    const unreachable: string[] = [];
    aws.forEach((site) => {
      const targets = config.sites.filter((t) => t.name !== site.name);
      [...graph.routeTables(site.name, "core"), ...graph.routeTables(site.name, "data")].forEach((table) =>
        targets.forEach((target) => {
          const tgw = graph.vpcNextHop(table, target.cidr);
          const landed = tgw === graph.tgwOf(site.name).urn ? graph.deliver(tgw, target.cidr) : undefined;
          const expected = `${target.kind === "aws" ? "site" : "dc"}:${target.name}`;
          if (landed !== expected)
            unreachable.push(`${table.name} -> ${target.name} (${target.cidr}) lands at ${landed}`);
        }),
      );
    });
    expect(unreachable).toEqual([]);
  });

  it("gives edge and web route tables no route to the transit gateways", () => {
    aws.forEach((site) =>
      [...graph.routeTables(site.name, "edge"), ...graph.routeTables(site.name, "web")].forEach((table) => {
        const viaTgw = run
          .ofType(VPC_ROUTE)
          .filter(
            (r) =>
              dep(r, "routeTableId") === table.urn &&
              r.inputs.transitGatewayId !== undefined &&
              r.inputs.transitGatewayId !== null,
          );
        expect(viaTgw).toEqual([]);
      }),
    );
  });

  it("names each VPC route after its route table and destination, so adding an AZ renames nothing", () => {
    const viaTgw = run.ofType(VPC_ROUTE).filter((r) => dep(r, "transitGatewayId"));
    expect(viaTgw.length).toBeGreaterThan(0);
    viaTgw.forEach((r) => {
      const table = run.resources.find((t) => t.urn === dep(r, "routeTableId"))!;
      const site = tags(table).site;
      const cidr = (r.inputs.destinationCidrBlock as string).replace(/[./]/g, "-");
      expect(r.name).toBe(`${site}-tgw-${table.name.slice(site.length + 1)}-${cidr}`);
    });
  });

  it("creates VPC routes to the transit gateway only once the VPC attachment exists", () => {
    run
      .ofType(VPC_ROUTE)
      .filter((r) => dep(r, "transitGatewayId"))
      .forEach((r) => {
        const attachment = run
          .ofType(VPC_ATTACHMENT)
          .find((a) => dep(a, "transitGatewayId") === dep(r, "transitGatewayId"))!;
        expect(r.dependencies).toContain(attachment.urn);
      });
  });
});

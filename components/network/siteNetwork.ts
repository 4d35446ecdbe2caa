import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsSiteConfig } from "../../config";
import { Tags, Tier, siteTags, tierTags } from "../tags";
import { createEndpoints } from "./endpoints";
import { createFlowLogs } from "./flowLogs";
import { privateSummary } from "../../lib/ipv4";
import { AclRule, bothWays, createNetworkAcl } from "./networkAcls";
import {
  FirewallRule,
  SUBNET_TIERS,
  SecurityGroupSpec,
  SubnetTier,
  natAzsOf,
  subnetCidr,
  tierCidr,
} from "../../lib/model";

export interface SiteNetworkArgs {
  /** The AWS site (plain values: the layout must be known when the component is built). */
  readonly site: AwsSiteConfig;
  /** Environment name, for tags. */
  readonly environment: string;
  /** Private CIDRs allowed into core and data through the network ACLs: other sites, data centres, admin VPN pool. */
  readonly trustedCidrs: string[];
  /** The interface endpoints' security group and its one ingress rule, from the network model. */
  readonly endpointsFirewall: { readonly group: SecurityGroupSpec; readonly ingress: FirewallRule };
  /** Flow log retention in days; default 365 (a year of evidence for the SOC). */
  readonly flowLogRetentionDays?: number;
}

/** Which policy tier each subnet tier's resources carry. Edge holds SBCs, ALB and NAT: its plumbing is `network`. */
const SUBNET_TIER_TAG: Record<SubnetTier, Tier> = { edge: "network", web: "web", core: "core", data: "data" };

/**
 * One AWS site's network: a VPC carved into public edge, private web and core, and isolated data
 * subnets in each AZ. Only edge route tables reach the internet gateway; web and core leave through
 * NAT; data has no route out at all.
 */
export class SiteNetwork extends pulumi.ComponentResource {
  readonly vpc: aws.ec2.Vpc;
  readonly cidr: string;
  readonly azNames: pulumi.Output<string[]>;
  readonly subnets: Record<SubnetTier, aws.ec2.Subnet[]>;
  /** Route tables per tier: one for edge and data, one per AZ for web and core (per-AZ NAT). */
  readonly routeTables: Record<SubnetTier, aws.ec2.RouteTable[]>;
  readonly internetGateway: aws.ec2.InternetGateway;
  readonly natGateways: aws.ec2.NatGateway[];
  readonly endpointSecurityGroup: aws.ec2.SecurityGroup;
  readonly flowLog: aws.ec2.FlowLog;
  readonly tags: Tags;

  constructor(name: string, args: SiteNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:network:SiteNetwork", name, {}, opts);
    const { site } = args;
    this.cidr = site.cidr;
    this.tags = siteTags(args.environment, site.name);
    const tagsFor = (tier: Tier, resourceName?: string) => tierTags(this.tags, tier, resourceName);
    const parent = { parent: this };

    this.vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: site.cidr,
        enableDnsHostnames: true,
        enableDnsSupport: true,
        tags: tagsFor("network", `${name}-vpc`),
      },
      parent,
    );

    // The default security group is adopted with no rules so nothing can fall back on it (CIS 5.4).
    new aws.ec2.DefaultSecurityGroup(
      `${name}-default-sg`,
      {
        vpcId: this.vpc.id,
        tags: tagsFor("network", `${name}-default-deny`),
      },
      { parent: this.vpc },
    );

    this.azNames = aws.getAvailabilityZonesOutput({ state: "available" }, parent).names.apply((names) => {
      if (names.length < site.azCount) {
        throw new Error(
          `site ${site.name}: ${site.region} offers ${names.length} AZs, config asks for ${site.azCount}`,
        );
      }
      return names.slice(0, site.azCount);
    });
    const azs = Array.from({ length: site.azCount }, (_, i) => i);

    this.subnets = Object.fromEntries(
      SUBNET_TIERS.map((tier) => [
        tier,
        azs.map(
          (i) =>
            new aws.ec2.Subnet(
              `${name}-${tier}-${i}`,
              {
                vpcId: this.vpc.id,
                cidrBlock: subnetCidr(site.cidr, tier, i),
                availabilityZone: this.azNames[i],
                // Nothing gets a public IP by accident: SBCs carry Elastic IPs, the ALB its own.
                mapPublicIpOnLaunch: false,
                tags: { ...tagsFor(SUBNET_TIER_TAG[tier], `${name}-${tier}-${i}`), "subnet-tier": tier },
              },
              { parent: this.vpc },
            ),
        ),
      ]),
    ) as Record<SubnetTier, aws.ec2.Subnet[]>;

    this.internetGateway = new aws.ec2.InternetGateway(
      `${name}-igw`,
      {
        vpcId: this.vpc.id,
        tags: tagsFor("network", `${name}-igw`),
      },
      { parent: this.vpc },
    );

    const natAzs = natAzsOf(site);
    this.natGateways = natAzs.map((i) => {
      const eip = new aws.ec2.Eip(
        `${name}-nat-${i}`,
        { domain: "vpc", tags: tagsFor("network", `${name}-nat-${i}`) },
        { parent: this.vpc },
      );
      return new aws.ec2.NatGateway(
        `${name}-nat-${i}`,
        {
          allocationId: eip.allocationId,
          subnetId: this.subnets.edge[i].id,
          connectivityType: "public",
          tags: tagsFor("network", `${name}-nat-${i}`),
        },
        { parent: this.vpc, dependsOn: [this.internetGateway] },
      );
    });
    const natFor = (az: number) => this.natGateways[site.natGateways === "perAz" ? az : 0];

    const routeTable = (tier: SubnetTier, suffix: string, subnets: aws.ec2.Subnet[]) => {
      const table = new aws.ec2.RouteTable(
        `${name}-${tier}${suffix}`,
        {
          vpcId: this.vpc.id,
          tags: { ...tagsFor(SUBNET_TIER_TAG[tier], `${name}-${tier}${suffix}`), "subnet-tier": tier },
        },
        { parent: this.vpc },
      );
      subnets.forEach(
        (s, i) =>
          new aws.ec2.RouteTableAssociation(
            `${name}-${tier}${suffix || `-${i}`}`,
            { subnetId: s.id, routeTableId: table.id },
            { parent: table },
          ),
      );
      return table;
    };

    const edge = routeTable("edge", "", this.subnets.edge);
    new aws.ec2.Route(
      `${name}-edge-internet`,
      {
        routeTableId: edge.id,
        destinationCidrBlock: "0.0.0.0/0",
        gatewayId: this.internetGateway.id,
      },
      { parent: edge },
    );

    const viaNat = (tier: "web" | "core") =>
      azs.map((i) => {
        const table = routeTable(tier, `-${i}`, [this.subnets[tier][i]]);
        new aws.ec2.Route(
          `${name}-${tier}-${i}-egress`,
          {
            routeTableId: table.id,
            destinationCidrBlock: "0.0.0.0/0",
            natGatewayId: natFor(i).id,
          },
          { parent: table },
        );
        return table;
      });

    this.routeTables = {
      edge: [edge],
      web: viaNat("web"),
      core: viaNat("core"),
      // Isolated: no default route, only the VPC and (added by the interconnect) other sites.
      data: [routeTable("data", "", this.subnets.data)],
    };

    this.createAcls(name, args);

    const endpoints = createEndpoints(
      {
        name,
        region: site.region,
        vpcId: this.vpc.id,
        firewall: args.endpointsFirewall,
        subnetIds: this.subnets.core.map((s) => s.id),
        // Edge too: SBCs boot there and fetch their agents from S3 before their Elastic IP is attached.
        gatewayRouteTableIds: [...this.routeTables.edge, ...this.routeTables.web, ...this.routeTables.core].map(
          (t) => t.id,
        ),
        tags: tagsFor("network"),
      },
      this,
    );
    this.endpointSecurityGroup = endpoints.securityGroup;

    this.flowLog = createFlowLogs(name, this.vpc.id, tagsFor("network"), args.flowLogRetentionDays ?? 365, this);

    this.registerOutputs({
      vpcId: this.vpc.id,
      subnetIds: Object.fromEntries(SUBNET_TIERS.map((t) => [t, this.subnets[t].map((s) => s.id)])),
    });
  }

  private createAcls(name: string, args: SiteNetworkArgs) {
    const { core, data } = siteAclRules(args.site.cidr, args.trustedCidrs);
    createNetworkAcl(
      `${name}-core-acl`,
      this.vpc.id,
      this.subnets.core.map((s) => s.id),
      core,
      tierTags(this.tags, "core"),
      this.vpc,
    );
    createNetworkAcl(
      `${name}-data-acl`,
      this.vpc.id,
      this.subnets.data.map((s) => s.id),
      data,
      tierTags(this.tags, "data"),
      this.vpc,
    );
  }
}

/**
 * Network ACLs of a site's core and data subnets, the second line behind security groups. The trusted
 * private networks (the site, other sites, data centres, the admin pool) are summarised per RFC 1918
 * range, so the rule count stays constant as sites are added (AWS allows 20 rules per direction, 40
 * at most): security groups keep the per-site precision.
 * - Core: the trusted summary both ways, HTTPS out through NAT, and TCP replies to it.
 * - Data: the site's own edge and web blocks are denied first (first match wins), then the summary:
 *   nothing on the public side of the site reaches the databases even at the ACL.
 */
export function siteAclRules(siteCidr: string, trustedCidrs: string[]): { core: AclRule[]; data: AclRule[] } {
  const trusted = privateSummary([siteCidr, ...trustedCidrs]);
  return {
    core: [
      ...bothWays(trusted, "allow", "VPC and trusted private networks (summarised)"),
      {
        egress: true,
        cidr: "0.0.0.0/0",
        protocol: "6",
        fromPort: 443,
        toPort: 443,
        purpose: "HTTPS egress through NAT (packages, AWS APIs)",
      },
      {
        egress: false,
        cidr: "0.0.0.0/0",
        protocol: "6",
        fromPort: 1024,
        toPort: 65535,
        purpose: "replies to HTTPS egress",
      },
    ],
    data: [
      ...bothWays([tierCidr(siteCidr, "edge"), tierCidr(siteCidr, "web")], "deny", "the site's public-facing tiers"),
      ...bothWays(trusted, "allow", "own core and data tiers, trusted private networks (summarised)"),
    ],
  };
}

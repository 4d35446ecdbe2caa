import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags, tierTags } from "../tags";

export interface SiteTransitGatewayArgs {
  /** Site name, for descriptions. */
  readonly site: string;
  /** Amazon-side ASN of the transit gateway (private, unique across sites). */
  readonly asn: number;
  readonly vpcId: pulumi.Input<string>;
  /** Core subnets, one per AZ: the VPC attachment's ENIs live there. */
  readonly coreSubnetIds: pulumi.Input<string>[];
  /**
   * Route tables that reach other sites through the transit gateway (core and data only; never edge
   * or web), by a stable key such as "core-0" or "data": route names derive from it, so adding an
   * AZ never renames (and so never replaces) an existing route.
   */
  readonly privateRouteTables: Record<string, pulumi.Input<string>>;
  /** Every other site's and data centre's CIDR (plain values: one route per CIDR and table). */
  readonly remoteCidrs: string[];
  /** The site's base tags. */
  readonly tags: Tags;
}

/**
 * A site's transit gateway, attached to its VPC through the core subnets, and the VPC routes that
 * send other sites' and data centres' CIDRs to it from the core and data tiers. Default route-table
 * association and propagation stay on: the VPC and VPN attachments propagate into the one table
 * (VPN routes are learned by BGP); peering attachments cannot propagate and get static routes.
 */
export class SiteTransitGateway extends pulumi.ComponentResource {
  readonly transitGateway: aws.ec2transitgateway.TransitGateway;
  readonly vpcAttachment: aws.ec2transitgateway.VpcAttachment;
  /** The route table every attachment is associated with. */
  readonly routeTableId: pulumi.Output<string>;

  constructor(name: string, args: SiteTransitGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:interconnect:SiteTransitGateway", name, {}, opts);

    this.transitGateway = new aws.ec2transitgateway.TransitGateway(
      name,
      {
        description: `CallMyWay transit for site ${args.site}`,
        amazonSideAsn: args.asn,
        defaultRouteTableAssociation: "enable",
        defaultRouteTablePropagation: "enable",
        // Attachments are only ever made by this program; nothing shared may join by itself.
        autoAcceptSharedAttachments: "disable",
        dnsSupport: "enable",
        // Two tunnels of a VPN connection carry traffic at once (ECMP) instead of one idling.
        vpnEcmpSupport: "enable",
        tags: tierTags(args.tags, "network", name),
      },
      { parent: this },
    );
    this.routeTableId = this.transitGateway.associationDefaultRouteTableId;

    this.vpcAttachment = new aws.ec2transitgateway.VpcAttachment(
      `${name}-vpc`,
      {
        transitGatewayId: this.transitGateway.id,
        vpcId: args.vpcId,
        subnetIds: args.coreSubnetIds,
        dnsSupport: "enable",
        transitGatewayDefaultRouteTableAssociation: true,
        transitGatewayDefaultRouteTablePropagation: true,
        tags: tierTags(args.tags, "network", `${name}-vpc`),
      },
      { parent: this.transitGateway },
    );

    Object.entries(args.privateRouteTables).forEach(([key, routeTableId]) =>
      args.remoteCidrs.forEach(
        (cidr) =>
          new aws.ec2.Route(
            `${name}-${key}-${cidr.replace(/[./]/g, "-")}`,
            {
              routeTableId,
              destinationCidrBlock: cidr,
              transitGatewayId: this.transitGateway.id,
            },
            { parent: this.vpcAttachment, dependsOn: [this.vpcAttachment] },
          ),
      ),
    );

    this.registerOutputs({ transitGatewayId: this.transitGateway.id, routeTableId: this.routeTableId });
  }
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags, tierTags } from "../tags";
import { peeringPairs } from "./topology";

/** One AWS site as the mesh sees it. */
export interface MeshSite {
  readonly name: string;
  /** The region its resources name (per-resource `region`: the mesh has one multi-region provider). */
  readonly region: string;
  readonly transitGatewayId: pulumi.Input<string>;
  readonly routeTableId: pulumi.Input<string>;
  readonly tags: Tags;
  /** CIDRs this site's transit gateway sends over its peering with each other site (by site name). */
  readonly cidrsViaPeer: Record<string, string[]>;
}

export interface TransitMeshArgs {
  /** Every AWS site, in config order (the earlier site of a pair requests, the later accepts). */
  readonly sites: readonly MeshSite[];
  /** Only the pairs whose later site this is (one mesh stack per site); default every pair. */
  readonly laterSite?: string;
}

const cidrName = (cidr: string) => cidr.replace(/[./]/g, "-");

/**
 * Full mesh of inter-region transit gateway peerings (traffic encrypted by AWS), n(n-1)/2 of them,
 * with static routes on both sides: peering attachments cannot propagate routes. All sites live in
 * one account, so the peer account is left to default to the requester's.
 */
export class TransitMesh extends pulumi.ComponentResource {
  readonly peerings: {
    readonly from: string;
    readonly to: string;
    readonly attachment: aws.ec2transitgateway.PeeringAttachment;
  }[];

  constructor(name: string, args: TransitMeshArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:interconnect:TransitMesh", name, {}, opts);

    const pairs = peeringPairs(args.sites).filter(([, b]) => args.laterSite === undefined || b.name === args.laterSite);
    this.peerings = pairs.map(([a, b]) => {
      const pairName = `${name}-${a.name}-${b.name}`;
      const attachment = new aws.ec2transitgateway.PeeringAttachment(
        pairName,
        {
          transitGatewayId: a.transitGatewayId,
          peerTransitGatewayId: b.transitGatewayId,
          peerRegion: b.region,
          region: a.region,
          tags: tierTags(a.tags, "network", pairName),
        },
        { parent: this },
      );
      const accepter = new aws.ec2transitgateway.PeeringAttachmentAccepter(
        pairName,
        {
          transitGatewayAttachmentId: attachment.id,
          region: b.region,
          tags: tierTags(b.tags, "network", pairName),
        },
        { parent: attachment },
      );

      // Routes can only use the attachment once it is accepted (available), on either side.
      const routes = (site: MeshSite, peer: MeshSite, attachmentId: pulumi.Input<string>) =>
        site.cidrsViaPeer[peer.name].forEach(
          (cidr) =>
            new aws.ec2transitgateway.Route(
              `${name}-${site.name}-to-${peer.name}-${cidrName(cidr)}`,
              {
                transitGatewayRouteTableId: site.routeTableId,
                destinationCidrBlock: cidr,
                transitGatewayAttachmentId: attachmentId,
                region: site.region,
              },
              { parent: accepter, dependsOn: [accepter] },
            ),
        );
      routes(a, b, attachment.id);
      routes(b, a, accepter.transitGatewayAttachmentId);
      return { from: a.name, to: b.name, attachment };
    });

    this.registerOutputs({ peeringCount: this.peerings.length });
  }
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { FirewallRule, INTERFACE_ENDPOINT_SERVICES, SecurityGroupSpec } from "../../lib/model";
import { Tags } from "../tags";

export interface EndpointsArgs {
  readonly name: string;
  readonly region: string;
  readonly vpcId: pulumi.Input<string>;
  /** The endpoints' security group and its ingress (the network model): HTTPS from the VPC only. */
  readonly firewall: { readonly group: SecurityGroupSpec; readonly ingress: FirewallRule };
  readonly subnetIds: pulumi.Input<string>[];
  readonly gatewayRouteTableIds: pulumi.Input<string>[];
  readonly tags: Tags;
}

export function createEndpoints(args: EndpointsArgs, parent: pulumi.Resource) {
  const securityGroup = new aws.ec2.SecurityGroup(
    `${args.name}-endpoints`,
    {
      vpcId: args.vpcId,
      description: args.firewall.group.description,
      tags: { ...args.tags, Name: `${args.name}-endpoints` },
    },
    { parent },
  );

  const { ingress } = args.firewall;
  if (ingress.peer.kind !== "cidr")
    throw new Error(`${args.name}: the endpoints admit a block, not ${ingress.description}`);
  new aws.vpc.SecurityGroupIngressRule(
    `${args.name}-endpoints-https`,
    {
      securityGroupId: securityGroup.id,
      ipProtocol: ingress.protocol,
      fromPort: ingress.fromPort,
      toPort: ingress.toPort,
      cidrIpv4: ingress.peer.cidr,
      description: ingress.description,
      tags: args.tags,
    },
    { parent },
  );

  const interfaces = INTERFACE_ENDPOINT_SERVICES.map(
    (service) =>
      new aws.ec2.VpcEndpoint(
        `${args.name}-${service}`,
        {
          vpcId: args.vpcId,
          serviceName: `com.amazonaws.${args.region}.${service}`,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: args.subnetIds,
          securityGroupIds: [securityGroup.id],
          tags: { ...args.tags, Name: `${args.name}-${service}` },
        },
        { parent },
      ),
  );

  const s3 = new aws.ec2.VpcEndpoint(
    `${args.name}-s3`,
    {
      vpcId: args.vpcId,
      serviceName: `com.amazonaws.${args.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: args.gatewayRouteTableIds,
      tags: { ...args.tags, Name: `${args.name}-s3` },
    },
    { parent },
  );

  return { securityGroup, interfaces, s3 };
}

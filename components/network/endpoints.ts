import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../tags";

/**
 * Hosts are managed through SSM Session Manager and report to CloudWatch without crossing the
 * internet: one interface endpoint per service in the core subnets, reachable on 443 from the VPC.
 */
export const INTERFACE_ENDPOINT_SERVICES = ["ssm", "ssmmessages", "ec2messages", "logs", "monitoring"] as const;

export interface EndpointsArgs {
  readonly name: string;
  readonly region: string;
  readonly vpcId: pulumi.Input<string>;
  readonly vpcCidr: string;
  readonly subnetIds: pulumi.Input<string>[];
  readonly gatewayRouteTableIds: pulumi.Input<string>[];
  readonly tags: Tags;
}

export function createEndpoints(args: EndpointsArgs, parent: pulumi.Resource) {
  const securityGroup = new aws.ec2.SecurityGroup(`${args.name}-endpoints`, {
    vpcId: args.vpcId,
    description: "VPC interface endpoints: HTTPS from inside the VPC only",
    tags: { ...args.tags, Name: `${args.name}-endpoints` },
  }, { parent });

  new aws.vpc.SecurityGroupIngressRule(`${args.name}-endpoints-https`, {
    securityGroupId: securityGroup.id,
    ipProtocol: "tcp",
    fromPort: 443,
    toPort: 443,
    cidrIpv4: args.vpcCidr,
    description: "HTTPS to AWS service endpoints from hosts in this VPC",
    tags: args.tags,
  }, { parent });

  const interfaces = INTERFACE_ENDPOINT_SERVICES.map((service) =>
    new aws.ec2.VpcEndpoint(`${args.name}-${service}`, {
      vpcId: args.vpcId,
      serviceName: `com.amazonaws.${args.region}.${service}`,
      vpcEndpointType: "Interface",
      privateDnsEnabled: true,
      subnetIds: args.subnetIds,
      securityGroupIds: [securityGroup.id],
      tags: { ...args.tags, Name: `${args.name}-${service}` },
    }, { parent }),
  );

  const s3 = new aws.ec2.VpcEndpoint(`${args.name}-s3`, {
    vpcId: args.vpcId,
    serviceName: `com.amazonaws.${args.region}.s3`,
    vpcEndpointType: "Gateway",
    routeTableIds: args.gatewayRouteTableIds,
    tags: { ...args.tags, Name: `${args.name}-s3` },
  }, { parent });

  return { securityGroup, interfaces, s3 };
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { contains, mustParseCidr } from "../../lib/ipv4";
import { Tags, tierTags } from "../tags";
import { AdminCertificates } from "./certificates";

/** A private block admins may reach, with what it is (for rule descriptions). */
export interface AdminDestination {
  readonly cidr: string;
  readonly description: string;
}

export interface AdminClientVpnArgs {
  /** Environment name, for certificate subjects. */
  readonly environment: string;
  /** The AWS site hosting the endpoint. */
  readonly site: string;
  readonly vpcId: pulumi.Input<string>;
  /** The hosting VPC's CIDR: AWS routes it itself when a subnet is associated, so no route of ours repeats a block inside it. */
  readonly vpcCidr: string;
  /** Core subnets of the hosting site, one per AZ: the endpoint's network associations. */
  readonly coreSubnetIds: pulumi.Input<string>[];
  /** Address pool handed to admin clients (/12-/22, overlapping no site). */
  readonly clientCidr: string;
  /** Core and data blocks of every AWS site and every data-centre CIDR: nothing else is reachable. */
  readonly destinations: readonly AdminDestination[];
  /** TCP ports admins use on those blocks (SSH, HTTPS, core API, database). */
  readonly tcpPorts: readonly number[];
  /** Admin workstation names (one client certificate each). */
  readonly workstations: readonly string[];
  /** Connection log retention in days; default 365. */
  readonly logRetentionDays?: number;
  /** The hosting site's base tags. */
  readonly tags: Tags;
}

/** What one workstation needs to connect: its certificate and key, the CA and the endpoint's name. */
export interface ClientBundle {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  readonly caCertificatePem: string;
  readonly endpointDnsName: string;
}

const cidrName = (cidr: string) => cidr.replace(/[./]/g, "-");

/**
 * S9: AWS Client VPN with mutual TLS for the named admin workstations. Split tunnel (only the
 * private blocks go through the VPN), routes and authorisation only to core and data blocks and
 * data centres, connection logs in CloudWatch, its own security group with per-CIDR, per-port egress.
 */
export class AdminClientVpn extends pulumi.ComponentResource {
  readonly endpoint: aws.ec2clientvpn.Endpoint;
  readonly securityGroup: aws.ec2.SecurityGroup;
  readonly certificates: AdminCertificates;
  /** Per workstation, the bundle it needs to connect (secret). */
  readonly clientBundles: pulumi.Output<Record<string, ClientBundle>>;

  constructor(name: string, args: AdminClientVpnArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:admin:AdminClientVpn", name, {}, opts);
    const tags = (resourceName: string) => tierTags(args.tags, "core", resourceName);

    this.certificates = new AdminCertificates(`${name}-pki`, { environment: args.environment, workstations: args.workstations }, { parent: this });
    const pki = this.certificates;

    const serverCert = new aws.acm.Certificate(`${name}-server`, {
      privateKey: pki.server.privateKeyPem,
      certificateBody: pki.server.certPem,
      certificateChain: pki.ca.certPem,
      tags: tags(`${name}-server`),
    }, { parent: this });
    // The CA that signed the client certificates: clients must present a certificate chaining to it.
    const clientCa = new aws.acm.Certificate(`${name}-client-ca`, {
      privateKey: pki.ca.privateKeyPem,
      certificateBody: pki.ca.certPem,
      tags: tags(`${name}-client-ca`),
    }, { parent: this });

    const logGroup = new aws.cloudwatch.LogGroup(`${name}-connections`, {
      name: `/callmyway/${args.environment}/admin-vpn/${args.site}`,
      retentionInDays: args.logRetentionDays ?? 365,
      tags: tags(`${name}-connections`),
    }, { parent: this });
    const logStream = new aws.cloudwatch.LogStream(`${name}-connections`, { name: "connections", logGroupName: logGroup.name }, { parent: logGroup });

    this.securityGroup = new aws.ec2.SecurityGroup(`${name}-sg`, {
      vpcId: args.vpcId,
      description: "Admin Client VPN: egress only to core and data blocks and data centres on admin ports",
      tags: tags(`${name}-sg`),
    }, { parent: this });
    args.destinations.forEach((d) =>
      args.tcpPorts.forEach((port) =>
        new aws.vpc.SecurityGroupEgressRule(`${name}-to-${cidrName(d.cidr)}-tcp${port}`, {
          securityGroupId: this.securityGroup.id,
          cidrIpv4: d.cidr,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          description: `admin TCP ${port} to ${d.description}`,
          tags: tags(`${name}-to-${cidrName(d.cidr)}-tcp${port}`),
        }, { parent: this.securityGroup }),
      ),
    );

    this.endpoint = new aws.ec2clientvpn.Endpoint(`${name}`, {
      description: `CallMyWay ${args.environment} admin access`,
      clientCidrBlock: args.clientCidr,
      serverCertificateArn: serverCert.arn,
      authenticationOptions: [{ type: "certificate-authentication", rootCertificateChainArn: clientCa.arn }],
      connectionLogOptions: { enabled: true, cloudwatchLogGroup: logGroup.name, cloudwatchLogStream: logStream.name },
      splitTunnel: true,
      transportProtocol: "udp",
      vpnPort: 443,
      sessionTimeoutHours: 8,
      disconnectOnSessionTimeout: true,
      vpcId: args.vpcId,
      securityGroupIds: [this.securityGroup.id],
      clientLoginBannerOptions: { enabled: true, bannerText: "CallMyWay network administration. Authorised, dedicated workstations only; connections are logged." },
      tags: tags(name),
    }, { parent: this });

    const associations = args.coreSubnetIds.map((subnetId, i) =>
      new aws.ec2clientvpn.NetworkAssociation(`${name}-core-${i}`, { clientVpnEndpointId: this.endpoint.id, subnetId }, { parent: this.endpoint }),
    );

    args.destinations.forEach((d) => {
      new aws.ec2clientvpn.AuthorizationRule(`${name}-auth-${cidrName(d.cidr)}`, {
        clientVpnEndpointId: this.endpoint.id,
        targetNetworkCidr: d.cidr,
        authorizeAllGroups: true,
        description: `admins to ${d.description}`,
      }, { parent: this.endpoint });
      // The hosting VPC is reached through the route AWS adds on association (authorisation still
      // limits it to core and data). Elsewhere, one route per association: identical route sets
      // in every AZ, as AWS asks, so a lost AZ loses no destination.
      if (contains(mustParseCidr(args.vpcCidr), mustParseCidr(d.cidr))) return;
      associations.forEach((association, i) =>
        new aws.ec2clientvpn.Route(`${name}-route-${cidrName(d.cidr)}-${i}`, {
          clientVpnEndpointId: this.endpoint.id,
          destinationCidrBlock: d.cidr,
          targetVpcSubnetId: association.subnetId,
          description: `to ${d.description}`,
        }, { parent: association }),
      );
    });

    const clients = args.workstations.map((ws) => pulumi.all([pki.clients[ws].certPem, pki.clients[ws].privateKeyPem]));
    this.clientBundles = pulumi.secret(
      pulumi.all([pulumi.all(clients), pki.ca.certPem, this.endpoint.dnsName]).apply(([pairs, caCertificatePem, endpointDnsName]) =>
        Object.fromEntries(
          args.workstations.map((ws, i): [string, ClientBundle] => [
            ws,
            { certificatePem: pairs[i][0], privateKeyPem: pairs[i][1], caCertificatePem, endpointDnsName },
          ]),
        ),
      ),
    );

    this.registerOutputs({ endpointId: this.endpoint.id, dnsName: this.endpoint.dnsName });
  }
}

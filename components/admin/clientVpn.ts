import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdminAccess, FirewallRule, SecurityGroupSpec, destinationName } from "../../lib/model";
import { Tags, tierTags } from "../tags";
import { AdminPki } from "./certificates";

export interface AdminClientVpnArgs {
  /** Environment name, for certificate subjects. */
  readonly environment: string;
  /** The AWS site hosting the endpoint. */
  readonly site: string;
  readonly vpcId: pulumi.Input<string>;
  /** Core subnets of the hosting site, one per AZ: the endpoint's network associations. */
  readonly coreSubnetIds: pulumi.Input<string>[];
  /** What admins reach (the network model): the client pool, destinations, authorised and routed blocks. */
  readonly access: AdminAccess;
  /** The endpoint's security group and its egress rules (the network model): only to the destinations, on their ports. */
  readonly firewall: { readonly group: SecurityGroupSpec; readonly rules: readonly FirewallRule[] };
  /** Admin workstation names (one client certificate each). */
  readonly workstations: readonly string[];
  /** The environment's admin PKI (made by the shared stack, components/admin/certificates.ts). */
  readonly pki: AdminPki;
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
 * private blocks go through the VPN), routes and authorisation only to the admin destinations of the
 * network model, connection logs in CloudWatch, its own security group with per-CIDR, per-port egress.
 */
export class AdminClientVpn extends pulumi.ComponentResource {
  readonly endpoint: aws.ec2clientvpn.Endpoint;
  readonly securityGroup: aws.ec2.SecurityGroup;
  /** Per workstation, the bundle it needs to connect (secret). */
  readonly clientBundles: pulumi.Output<Record<string, ClientBundle>>;

  constructor(name: string, args: AdminClientVpnArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:admin:AdminClientVpn", name, {}, opts);
    const tags = (resourceName: string) => tierTags(args.tags, "core", resourceName);

    const pki = args.pki;
    const missing = args.workstations.filter((ws) => !pki.clients[ws]);
    if (missing.length > 0)
      throw new Error(`${name}: the admin PKI has no client certificate for ${missing.join(", ")}`);

    const serverCert = new aws.acm.Certificate(
      `${name}-server`,
      {
        privateKey: pki.server.privateKeyPem,
        certificateBody: pki.server.certPem,
        certificateChain: pki.ca.certPem,
        tags: tags(`${name}-server`),
      },
      { parent: this },
    );
    // The CA that signed the client certificates: clients must present a certificate chaining to it.
    const clientCa = new aws.acm.Certificate(
      `${name}-client-ca`,
      {
        privateKey: pki.ca.privateKeyPem,
        certificateBody: pki.ca.certPem,
        tags: tags(`${name}-client-ca`),
      },
      { parent: this },
    );

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-connections`,
      {
        name: `/callmyway/${args.environment}/admin-vpn/${args.site}`,
        retentionInDays: args.logRetentionDays ?? 365,
        tags: tags(`${name}-connections`),
      },
      { parent: this },
    );
    const logStream = new aws.cloudwatch.LogStream(
      `${name}-connections`,
      { name: "connections", logGroupName: logGroup.name },
      { parent: logGroup },
    );

    this.securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: args.firewall.group.description,
        tags: tags(`${name}-sg`),
      },
      { parent: this },
    );
    args.firewall.rules.forEach((rule) => {
      if (rule.direction !== "out" || rule.peer.kind !== "cidr" || rule.fromPort !== rule.toPort) {
        throw new Error(
          `${name}: the admin VPN's group takes single-port egress to blocks only, not ${rule.description}`,
        );
      }
      const ruleName = `${name}-to-${cidrName(rule.peer.cidr)}-${rule.protocol}${rule.fromPort}`;
      new aws.vpc.SecurityGroupEgressRule(
        ruleName,
        {
          securityGroupId: this.securityGroup.id,
          cidrIpv4: rule.peer.cidr,
          ipProtocol: rule.protocol,
          fromPort: rule.fromPort,
          toPort: rule.toPort,
          description: rule.description,
          tags: tags(ruleName),
        },
        { parent: this.securityGroup },
      );
    });

    this.endpoint = new aws.ec2clientvpn.Endpoint(
      `${name}`,
      {
        description: `CallMyWay ${args.environment} admin access`,
        clientCidrBlock: args.access.clientCidr,
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
        clientLoginBannerOptions: {
          enabled: true,
          bannerText:
            "CallMyWay network administration. Authorised, dedicated workstations only; connections are logged.",
        },
        tags: tags(name),
      },
      { parent: this },
    );

    const associations = args.coreSubnetIds.map(
      (subnetId, i) =>
        new aws.ec2clientvpn.NetworkAssociation(
          `${name}-core-${i}`,
          { clientVpnEndpointId: this.endpoint.id, subnetId },
          { parent: this.endpoint },
        ),
    );

    const nameOf = (cidr: string) => destinationName(args.access.destinations.find((d) => d.cidr === cidr)!);
    args.access.authorisedCidrs.forEach(
      (cidr) =>
        new aws.ec2clientvpn.AuthorizationRule(
          `${name}-auth-${cidrName(cidr)}`,
          {
            clientVpnEndpointId: this.endpoint.id,
            targetNetworkCidr: cidr,
            authorizeAllGroups: true,
            description: `admins to ${nameOf(cidr)}`,
          },
          { parent: this.endpoint },
        ),
    );
    // The hosting VPC is reached through the route AWS adds on association (authorisation still
    // limits it to the destinations). Elsewhere, one route per association: identical route sets in
    // every AZ, as AWS asks, so a lost AZ loses no destination.
    args.access.routedCidrs.forEach((cidr) =>
      associations.forEach(
        (association, i) =>
          new aws.ec2clientvpn.Route(
            `${name}-route-${cidrName(cidr)}-${i}`,
            {
              clientVpnEndpointId: this.endpoint.id,
              destinationCidrBlock: cidr,
              targetVpcSubnetId: association.subnetId,
              description: `to ${nameOf(cidr)}`,
            },
            { parent: association },
          ),
      ),
    );

    const clients = args.workstations.map((ws) => pulumi.all([pki.clients[ws].certPem, pki.clients[ws].privateKeyPem]));
    this.clientBundles = pulumi.secret(
      pulumi
        .all([pulumi.all(clients), pki.ca.certPem, this.endpoint.dnsName])
        .apply(([pairs, caCertificatePem, endpointDnsName]) =>
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

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { Tags, tierTags } from "../tags";
import { PRESHARED_KEY_BODY, presharedKeyFrom } from "./presharedKey";

/** An AWS site a data centre connects to. */
export interface VpnHome {
  readonly site: string;
  readonly provider: aws.Provider;
  readonly transitGatewayId: pulumi.Input<string>;
  /** Inside CIDRs of tunnel 1 and tunnel 2 on this site's transit gateway. */
  readonly insideCidrs: readonly [string, string];
  readonly tags: Tags;
}

export interface DataCentreVpnArgs {
  /** Environment name, for log group names. */
  readonly environment: string;
  /** Data-centre site name. */
  readonly dataCentre: string;
  /** Public IPv4 address of the data centre's VPN device. */
  readonly devicePublicIp: string;
  /** BGP ASN of the data centre's VPN device. */
  readonly deviceAsn: number;
  /** One or two home sites, in preference order (one VPN connection each). */
  readonly homes: readonly VpnHome[];
  /** Tunnel and BGP log retention in days; default 365. */
  readonly logRetentionDays?: number;
}

// IKEv2 only, AES-256 (GCM for phase 2 as well), SHA-2 integrity, elliptic-curve DH groups: AWS's
// strongest set. Group 14 (2048-bit MODP) is left out; every current VPN appliance speaks 19-21.
const IKE_VERSIONS = ["ikev2"];
const ENCRYPTION = ["AES256", "AES256-GCM-16"];
const INTEGRITY = ["SHA2-256", "SHA2-384", "SHA2-512"];
const DH_GROUPS = [19, 20, 21];
// A lost peer is re-dialled by AWS, not left down until the data centre retries.
const DPD_ACTION = "restart";
const DPD_SECONDS = 30;
// AWS initiates: the tunnels come up without waiting for traffic from the data centre.
const STARTUP_ACTION = "start";

type TunnelArgs = Partial<aws.ec2.VpnConnectionArgs>;

function tunnelArgs(
  n: 1 | 2,
  insideCidr: string,
  presharedKey: pulumi.Input<string>,
  logGroupArn: pulumi.Input<string>,
): TunnelArgs {
  // Tunnel (IKE/IPsec) and BGP events, for the NOC and SOC.
  const logs = {
    cloudwatchLogOptions: {
      logEnabled: true,
      logGroupArn,
      logOutputFormat: "json",
      bgpLogEnabled: true,
      bgpLogGroupArn: logGroupArn,
      bgpLogOutputFormat: "json",
    },
  };
  return n === 1
    ? {
        tunnel1IkeVersions: IKE_VERSIONS,
        tunnel1Phase1EncryptionAlgorithms: ENCRYPTION,
        tunnel1Phase2EncryptionAlgorithms: ENCRYPTION,
        tunnel1Phase1IntegrityAlgorithms: INTEGRITY,
        tunnel1Phase2IntegrityAlgorithms: INTEGRITY,
        tunnel1Phase1DhGroupNumbers: DH_GROUPS,
        tunnel1Phase2DhGroupNumbers: DH_GROUPS,
        tunnel1DpdTimeoutAction: DPD_ACTION,
        tunnel1DpdTimeoutSeconds: DPD_SECONDS,
        tunnel1StartupAction: STARTUP_ACTION,
        tunnel1InsideCidr: insideCidr,
        tunnel1PresharedKey: presharedKey,
        tunnel1LogOptions: logs,
      }
    : {
        tunnel2IkeVersions: IKE_VERSIONS,
        tunnel2Phase1EncryptionAlgorithms: ENCRYPTION,
        tunnel2Phase2EncryptionAlgorithms: ENCRYPTION,
        tunnel2Phase1IntegrityAlgorithms: INTEGRITY,
        tunnel2Phase2IntegrityAlgorithms: INTEGRITY,
        tunnel2Phase1DhGroupNumbers: DH_GROUPS,
        tunnel2Phase2DhGroupNumbers: DH_GROUPS,
        tunnel2DpdTimeoutAction: DPD_ACTION,
        tunnel2DpdTimeoutSeconds: DPD_SECONDS,
        tunnel2StartupAction: STARTUP_ACTION,
        tunnel2InsideCidr: insideCidr,
        tunnel2PresharedKey: presharedKey,
        tunnel2LogOptions: logs,
      };
}

/** BGP ASNs above 2^31-1 go in the customer gateway's extended field. */
function asnArgs(asn: number): Pick<aws.ec2.CustomerGatewayArgs, "bgpAsn" | "bgpAsnExtended"> {
  return asn > 2147483647 ? { bgpAsnExtended: String(asn) } : { bgpAsn: String(asn) };
}

/**
 * Site-to-Site VPN from one own data centre to the transit gateway of each home site: a customer
 * gateway in the home's region, a connection with two tunnels, BGP (routes follow the tunnels that
 * are up), pre-shared keys from @pulumi/random that stay secret.
 */
export class DataCentreVpn extends pulumi.ComponentResource {
  readonly connections: { readonly site: string; readonly connection: aws.ec2.VpnConnection }[];
  /** Per home site, the configuration the data centre's device needs (secret: it holds the keys). */
  readonly customerGatewayConfigurations: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: DataCentreVpnArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:interconnect:DataCentreVpn", name, {}, opts);

    this.connections = args.homes.map((home) => {
      const connName = `${name}-${home.site}`;
      const gateway = new aws.ec2.CustomerGateway(
        connName,
        {
          type: "ipsec.1",
          ipAddress: args.devicePublicIp,
          ...asnArgs(args.deviceAsn),
          tags: tierTags(home.tags, "network", connName),
        },
        { parent: this, provider: home.provider },
      );

      const logGroup = new aws.cloudwatch.LogGroup(
        `${connName}-tunnels`,
        {
          name: `/callmyway/${args.environment}/vpn/${connName}`,
          retentionInDays: args.logRetentionDays ?? 365,
          tags: tierTags(home.tags, "network", `${connName}-tunnels`),
        },
        { parent: gateway, provider: home.provider },
      );

      const keys = ([1, 2] as const).map((n) => {
        const body = new random.RandomPassword(`${connName}-tunnel${n}-psk`, PRESHARED_KEY_BODY, { parent: this });
        return body.result.apply(presharedKeyFrom);
      });

      const connection = new aws.ec2.VpnConnection(
        connName,
        {
          customerGatewayId: gateway.id,
          transitGatewayId: home.transitGatewayId,
          type: "ipsec.1",
          staticRoutesOnly: false,
          ...tunnelArgs(1, home.insideCidrs[0], keys[0], logGroup.arn),
          ...tunnelArgs(2, home.insideCidrs[1], keys[1], logGroup.arn),
          tags: tierTags(home.tags, "network", connName),
        },
        {
          parent: gateway,
          provider: home.provider,
          additionalSecretOutputs: ["tunnel1PresharedKey", "tunnel2PresharedKey", "customerGatewayConfiguration"],
        },
      );
      return { site: home.site, connection };
    });

    this.customerGatewayConfigurations = pulumi.secret(
      pulumi
        .all(this.connections.map((c) => c.connection.customerGatewayConfiguration))
        .apply((configs) => Object.fromEntries(this.connections.map((c, i) => [c.site, configs[i]]))),
    );

    this.registerOutputs({ connectionIds: this.connections.map((c) => c.connection.id) });
  }
}

import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";

export interface AdminCertificatesArgs {
  /** Environment name, for certificate subjects. */
  readonly environment: string;
  /** Admin workstation names: one client certificate each, keyed by name. */
  readonly workstations: readonly string[];
  /** CA validity in hours; default 5 years. */
  readonly caValidityHours?: number;
  /** Server and client certificate validity in hours; default 1 year (renewed 30 days early). */
  readonly leafValidityHours?: number;
}

/** A key and certificate in PEM. The key output is secret (tls marks it so). */
export interface KeyPair {
  readonly privateKeyPem: pulumi.Output<string>;
  readonly certPem: pulumi.Output<string>;
}

/**
 * The PKI as the admin VPN's stack receives it from the shared stack (a StackReference: secret keys
 * stay secret): CA, server and per-workstation pairs.
 */
export interface AdminPki {
  readonly ca: KeyPair;
  readonly server: KeyPair;
  readonly clients: Readonly<Record<string, KeyPair>>;
}

const ORGANIZATION = "CallMyWay";
// RSA 2048: the key size AWS Client VPN accepts for mutual authentication.
const KEY = { algorithm: "RSA", rsaBits: 2048 };

/**
 * The admin VPN's PKI, all in @pulumi/tls: a CA, the endpoint's server certificate and one client
 * certificate per workstation. Workstation resources are keyed by name, so removing one from the
 * config removes (and so revokes from ACM's chain of trust) exactly its certificate.
 */
export class AdminCertificates extends pulumi.ComponentResource implements AdminPki {
  readonly ca: KeyPair;
  readonly server: KeyPair;
  /** The name the server certificate is issued to (ACM import needs one). */
  readonly serverName: string;
  readonly clients: Record<string, KeyPair>;

  constructor(name: string, args: AdminCertificatesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:admin:AdminCertificates", name, {}, opts);
    const leafHours = args.leafValidityHours ?? 24 * 365;
    const subject = (commonName: string) => ({
      commonName,
      organization: ORGANIZATION,
      organizationalUnit: `network-${args.environment}`,
    });

    const caKey = new tls.PrivateKey(`${name}-ca`, KEY, { parent: this });
    const caCert = new tls.SelfSignedCert(
      `${name}-ca`,
      {
        privateKeyPem: caKey.privateKeyPem,
        isCaCertificate: true,
        allowedUses: ["cert_signing", "crl_signing"],
        validityPeriodHours: args.caValidityHours ?? 24 * 365 * 5,
        subject: subject(`CallMyWay ${args.environment} admin VPN CA`),
      },
      { parent: caKey },
    );
    this.ca = { privateKeyPem: caKey.privateKeyPem, certPem: caCert.certPem };

    const issue = (leafName: string, commonName: string, uses: string[], dnsNames?: string[]): KeyPair => {
      const key = new tls.PrivateKey(leafName, KEY, { parent: this });
      const request = new tls.CertRequest(
        leafName,
        { privateKeyPem: key.privateKeyPem, subject: subject(commonName), dnsNames },
        { parent: key },
      );
      const cert = new tls.LocallySignedCert(
        leafName,
        {
          certRequestPem: request.certRequestPem,
          caCertPem: caCert.certPem,
          caPrivateKeyPem: caKey.privateKeyPem,
          allowedUses: uses,
          validityPeriodHours: leafHours,
          earlyRenewalHours: 24 * 30,
        },
        { parent: key },
      );
      return { privateKeyPem: key.privateKeyPem, certPem: cert.certPem };
    };

    this.serverName = `vpn.${args.environment}.admin.callmyway.internal`;
    this.server = issue(
      `${name}-server`,
      this.serverName,
      ["key_encipherment", "digital_signature", "server_auth"],
      [this.serverName],
    );
    this.clients = Object.fromEntries(
      args.workstations.map((ws) => [
        ws,
        issue(`${name}-client-${ws}`, `${ws}.${args.environment}.admin.callmyway.internal`, [
          "key_encipherment",
          "digital_signature",
          "client_auth",
        ]),
      ]),
    );

    this.registerOutputs({ caCertPem: this.ca.certPem });
  }
}

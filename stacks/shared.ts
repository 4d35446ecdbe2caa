// The environment's shared stack: what every site reads and no site owns.
import * as cloudflare from "@pulumi/cloudflare";
import { NetworkConfig } from "../config";
import * as pulumi from "@pulumi/pulumi";
import { AdminCertificates, type KeyPair } from "../components/admin";
import { buildIsolatedBackups } from "../components/backup";
import { cloudflareProvider } from "../components/providers";

/**
 * Cloudflare's published proxy ranges (the only sources web origins accept, S3: read here once, so a
 * new range reaches the sites through one `up` of this stack), the admin VPN's PKI (@pulumi/tls: no
 * cloud), and the isolated backup vault in its own region.
 */
const secretKey = (pair: KeyPair): KeyPair => ({
  certPem: pair.certPem,
  privateKeyPem: pulumi.secret(pair.privateKeyPem),
});

export async function sharedStack(config: NetworkConfig) {
  const ranges = await cloudflare.getIpRanges({}, { provider: cloudflareProvider() });
  const pki = new AdminCertificates("admin-pki", {
    environment: config.environment,
    workstations: config.admin.workstations.map((w) => w.name),
  });
  const isolated = buildIsolatedBackups(config);
  return {
    environment: config.environment,
    cloudflareIpv4Ranges: ranges.ipv4Cidrs,
    // The keys are secret outputs whatever the provider marks: encrypted in this stack's state and
    // secret in every stack that reads them.
    adminPki: {
      ca: secretKey(pki.ca),
      server: secretKey(pki.server),
      clients: Object.fromEntries(Object.entries(pki.clients).map(([ws, pair]) => [ws, secretKey(pair)])),
    },
    backups: { isolatedRegion: isolated.region, isolatedVaultArn: isolated.vaultArn },
  };
}

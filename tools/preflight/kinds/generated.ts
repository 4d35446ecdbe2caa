// Resources made on this machine (random values, TLS keys and certificates) and the providers:
// what their providers, and the AWS services that consume them, accept.
import { combination, eachValue, oneOf, range, required } from "../rules";
import type { KindConstraints } from "../types";
import { AWS_REGIONS, REGIONS_SOURCE } from "./common";
import { awsTags } from "./tags";

const RANDOM = "https://www.pulumi.com/registry/packages/random/api-docs/randompassword/";
const TLS = "https://www.pulumi.com/registry/packages/tls/api-docs";
const ALLOWED_USES = [
  "digital_signature",
  "content_commitment",
  "key_encipherment",
  "data_encipherment",
  "key_agreement",
  "cert_signing",
  "crl_signing",
  "encipher_only",
  "decipher_only",
  "any_extended",
  "server_auth",
  "client_auth",
  "code_signing",
  "email_protection",
  "ipsec_end_system",
  "ipsec_tunnel",
  "ipsec_user",
  "timestamping",
  "ocsp_signing",
  "microsoft_server_gated_crypto",
  "netscape_server_gated_crypto",
];

const validity = [
  range("validityPeriodHours", 1, 876000, `${TLS}/locallysignedcert/`),
  combination(
    "earlyRenewalHours",
    "early renewal shorter than the validity period",
    `${TLS}/locallysignedcert/`,
    (i) =>
      i.earlyRenewalHours === undefined ||
      i.validityPeriodHours === undefined ||
      Number(i.earlyRenewalHours) < Number(i.validityPeriodHours),
    {
      ok: { validityPeriodHours: 8760, earlyRenewalHours: 720 },
      bad: { validityPeriodHours: 720, earlyRenewalHours: 720 },
    },
  ),
  oneOf("allowedUses[]", ALLOWED_USES, `${TLS}/locallysignedcert/`),
];

export const GENERATED_KINDS: KindConstraints = {
  "random:index/randomPassword:RandomPassword": [
    range("length", 1, 1024, RANDOM),
    combination(
      "length",
      "length at least the sum of the minimums",
      RANDOM,
      (i) =>
        Number(i.length ?? 0) >=
        ["minUpper", "minLower", "minNumeric", "minSpecial"].reduce((sum, k) => sum + Number(i[k] ?? 0), 0),
      {
        ok: { length: 16, minUpper: 4, minLower: 4, minNumeric: 4 },
        bad: { length: 8, minUpper: 4, minLower: 4, minNumeric: 4 },
      },
    ),
    required(["length"], RANDOM),
  ],
  "tls:index/privateKey:PrivateKey": [
    oneOf("algorithm", ["RSA", "ECDSA", "ED25519"], `${TLS}/privatekey/`),
    required(["algorithm"], `${TLS}/privatekey/`),
  ],
  "tls:index/certRequest:CertRequest": [
    eachValue(
      "subject.commonName",
      "subject.commonName: at most 64 characters (RFC 5280 ub-common-name)",
      "https://www.rfc-editor.org/rfc/rfc5280#appendix-A.1",
      (v) => typeof v !== "string" || v.length <= 64,
      {
        ok: { subject: { commonName: "noc-ws-01.prod.admin.callmyway.internal" } },
        bad: { subject: { commonName: `${"a".repeat(60)}.callmyway.internal` } },
      },
    ),
    required(["privateKeyPem"], `${TLS}/certrequest/`),
  ],
  "tls:index/locallySignedCert:LocallySignedCert": [
    ...validity,
    required(
      ["certRequestPem", "caPrivateKeyPem", "caCertPem", "validityPeriodHours", "allowedUses"],
      `${TLS}/locallysignedcert/`,
    ),
  ],
  "tls:index/selfSignedCert:SelfSignedCert": [
    ...validity,
    combination(
      "allowedUses",
      "a CA certificate allows cert_signing (RFC 5280 keyCertSign)",
      "https://www.rfc-editor.org/rfc/rfc5280#section-4.2.1.3",
      (i) => i.isCaCertificate !== true || (Array.isArray(i.allowedUses) && i.allowedUses.includes("cert_signing")),
      {
        ok: { isCaCertificate: true, allowedUses: ["cert_signing", "crl_signing"] },
        bad: { isCaCertificate: true, allowedUses: ["crl_signing"] },
      },
    ),
    required(["privateKeyPem", "validityPeriodHours", "allowedUses"], `${TLS}/selfsignedcert/`),
  ],
  "pulumi:providers:aws": [
    oneOf("region", AWS_REGIONS, REGIONS_SOURCE),
    required(["region"], REGIONS_SOURCE),
    awsTags("defaultTags.tags"),
  ],
  "pulumi:providers:cloudflare": [
    combination(
      "apiToken",
      "an API token or a key with its email, not both",
      "https://www.pulumi.com/registry/packages/cloudflare/installation-configuration/",
      (i) => !(i.apiToken !== undefined && i.apiKey !== undefined),
      {
        ok: { apiToken: "[secret]" },
        bad: { apiToken: "[secret]", apiKey: "[secret]" },
      },
    ),
  ],
};

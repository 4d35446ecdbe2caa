import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../tags";

export interface WebCertificateArgs {
  /** Names the certificate covers; the first is the subject, the rest alternative names. */
  readonly fqdns: string[];
  /** Cloudflare zone holding the validation records. */
  readonly zoneId: string;
  readonly cloudflareProvider: cloudflare.Provider;
  readonly tags: Tags;
}

const withoutTrailingDot = (name: string) => name.replace(/\.$/, "");

/**
 * An ACM certificate for the site's web names, validated through CNAME records in Cloudflare.
 * One record per name, declared up front (the names are known), each reading its own validation
 * option by domain name, so every record shows in a preview. Returns the ARN once ACM has issued it.
 */
export function createWebCertificate(name: string, args: WebCertificateArgs, parent: pulumi.Resource): pulumi.Output<string> {
  const fqdns = [...new Set(args.fqdns)];
  if (fqdns.length === 0) throw new Error(`${name}: a web certificate needs at least one name`);
  const certificate = new aws.acm.Certificate(name, {
    domainName: fqdns[0],
    subjectAlternativeNames: fqdns.slice(1),
    validationMethod: "DNS",
    keyAlgorithm: "EC_prime256v1",
    tags: args.tags,
  }, { parent });

  const records = fqdns.map((fqdn, i) => {
    const option = certificate.domainValidationOptions.apply((options) => {
      const found = options.find((o) => o.domainName === fqdn);
      if (!found) throw new Error(`${name}: ACM returned no validation option for ${fqdn}`);
      return found;
    });
    return new cloudflare.DnsRecord(`${name}-validation-${i}`, {
      zoneId: args.zoneId,
      name: option.apply((o) => withoutTrailingDot(o.resourceRecordName)),
      type: option.apply((o) => o.resourceRecordType),
      content: option.apply((o) => withoutTrailingDot(o.resourceRecordValue)),
      ttl: 60,
      proxied: false,
      comment: `ACM validation of ${fqdn}`,
    }, { parent: certificate, provider: args.cloudflareProvider });
  });

  const validation = new aws.acm.CertificateValidation(name, {
    certificateArn: certificate.arn,
    validationRecordFqdns: records.map((r) => r.name),
  }, { parent: certificate });
  return validation.certificateArn;
}

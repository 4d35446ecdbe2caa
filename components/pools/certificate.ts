import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../tags";

const withoutTrailingDot = (name: string) => name.replace(/\.$/, "");

type ValidationOption = aws.types.output.acm.CertificateDomainValidationOption;

/** The validation option ACM returned for one name of a certificate. */
function optionFor(certificate: aws.acm.Certificate, fqdn: string, name: string): pulumi.Output<ValidationOption> {
  return certificate.domainValidationOptions.apply((options) => {
    const found = options.find((o) => o.domainName === fqdn);
    if (!found) throw new Error(`${name}: ACM returned no validation option for ${fqdn}`);
    return found;
  });
}

/**
 * The Cloudflare validation records of the stack's web names: one record per name, shared by every
 * site's certificate. ACM gives the same validation CNAME for a name in every region of an account,
 * so one record per site would be the same record twice, and Cloudflare refuses the second ("An A,
 * AAAA or CNAME record already exists with that host", https://github.com/hashicorp/terraform-provider-aws/issues/13653;
 * certificates are regional and each region validates its own, https://docs.aws.amazon.com/acm/latest/userguide/acm-regions.html).
 * The first certificate that asks for a name writes its record; every later one checks, once ACM has
 * answered, that it was given the same CNAME, and fails naming the name if not.
 */
/** The validation CNAME ACM gave a name, as the first site's stack exports it for the others. */
export interface ValidationCname {
  readonly resourceRecordName: string;
  readonly resourceRecordValue: string;
}

/** Where a site's web certificate finds the validation records of its names. */
export interface ValidationRecordSource {
  recordFqdnsFor(certificate: aws.acm.Certificate, fqdns: readonly string[], name: string): pulumi.Output<string>[];
}

/** Fails naming the name when ACM gave this certificate another CNAME than the shared record's. */
function sameCname(name: string, fqdn: string, written: ValidationCname, mine: ValidationCname): void {
  if (
    written.resourceRecordName !== mine.resourceRecordName ||
    written.resourceRecordValue !== mine.resourceRecordValue
  )
    throw new Error(
      `${name}: ACM gave ${fqdn} another validation CNAME (${mine.resourceRecordName}) than the shared record (${written.resourceRecordName})`,
    );
}

export class WebValidationRecords implements ValidationRecordSource {
  private readonly records = new Map<
    string,
    { record: cloudflare.DnsRecord; option: pulumi.Output<ValidationOption> }
  >();

  constructor(
    private readonly zoneId: string,
    private readonly provider: cloudflare.Provider,
  ) {}

  /** The validation record FQDNs of `certificate`'s names, writing the records the stack does not have yet. */
  recordFqdnsFor(certificate: aws.acm.Certificate, fqdns: readonly string[], name: string): pulumi.Output<string>[] {
    return fqdns.map((fqdn) => {
      const option = optionFor(certificate, fqdn, name);
      const existing = this.records.get(fqdn);
      if (!existing) {
        const record = new cloudflare.DnsRecord(
          `web-validation-${fqdn.replace(/\./g, "-")}`,
          {
            zoneId: this.zoneId,
            name: option.apply((o) => withoutTrailingDot(o.resourceRecordName)),
            type: option.apply((o) => o.resourceRecordType),
            content: option.apply((o) => withoutTrailingDot(o.resourceRecordValue)),
            ttl: 60,
            proxied: false,
            comment: `ACM validation of ${fqdn} (every region's certificate)`,
          },
          { provider: this.provider },
        );
        this.records.set(fqdn, { record, option });
        return record.name;
      }
      return pulumi.all([existing.record.name, existing.option, option]).apply(([recordName, written, mine]) => {
        sameCname(name, fqdn, written, mine);
        return recordName;
      });
    });
  }

  /** The CNAME of every name written so far, for the other sites' stacks (ValidationRecordsOfSite). */
  exported(): pulumi.Output<Record<string, ValidationCname>> {
    const entries = [...this.records.entries()].map(([fqdn, { option }]) =>
      option.apply((o): [string, ValidationCname] => [
        fqdn,
        { resourceRecordName: o.resourceRecordName, resourceRecordValue: o.resourceRecordValue },
      ]),
    );
    return pulumi.all(entries).apply((pairs) => Object.fromEntries(pairs));
  }
}

/**
 * A later site's view of the records the first site's stack wrote (read through its StackReference): the
 * certificate validates against them, and the CNAME ACM gave it must be the same (else the run fails
 * naming the name, as when one stack held every site).
 */
export class ValidationRecordsOfSite implements ValidationRecordSource {
  constructor(
    private readonly owner: string,
    private readonly written: pulumi.Output<Record<string, ValidationCname>>,
  ) {}

  recordFqdnsFor(certificate: aws.acm.Certificate, fqdns: readonly string[], name: string): pulumi.Output<string>[] {
    return fqdns.map((fqdn) =>
      pulumi.all([this.written, optionFor(certificate, fqdn, name)]).apply(([written, mine]) => {
        const record = written[fqdn];
        if (!record) throw new Error(`${name}: the stack of ${this.owner} wrote no validation record for ${fqdn}`);
        sameCname(name, fqdn, record, mine);
        return withoutTrailingDot(record.resourceRecordName);
      }),
    );
  }
}

export interface WebCertificateArgs {
  /** Names the certificate covers; the first is the subject, the rest alternative names. */
  readonly fqdns: string[];
  /** The shared validation records (one per name, every site's certificate uses them). */
  readonly validationRecords: ValidationRecordSource;
  readonly tags: Tags;
}

/**
 * An ACM certificate for the site's web names, validated through the stack's shared CNAME records
 * in Cloudflare (declared up front: the names are known, so every record shows in a preview).
 * Returns the ARN once ACM has issued it.
 */
export function createWebCertificate(
  name: string,
  args: WebCertificateArgs,
  parent: pulumi.Resource,
): pulumi.Output<string> {
  const fqdns = [...new Set(args.fqdns)];
  if (fqdns.length === 0) throw new Error(`${name}: a web certificate needs at least one name`);
  const certificate = new aws.acm.Certificate(
    name,
    {
      domainName: fqdns[0],
      subjectAlternativeNames: fqdns.slice(1),
      validationMethod: "DNS",
      keyAlgorithm: "EC_prime256v1",
      tags: args.tags,
    },
    { parent },
  );

  const validation = new aws.acm.CertificateValidation(
    name,
    {
      certificateArn: certificate.arn,
      validationRecordFqdns: args.validationRecords.recordFqdnsFor(certificate, fqdns, name),
    },
    { parent: certificate },
  );
  return validation.certificateArn;
}

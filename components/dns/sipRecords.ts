import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { SiteEntryPoints } from "./entryPoints";
import { SipSrvLabel, sbcFqdn, sipDomain, sipSrvName } from "./names";

type DnsConfig = NetworkConfig["dns"];

/** A SIP transport as RFC 3263 publishes it: NAPTR service -> SRV set -> port. */
export interface SipTransport {
  readonly srvLabel: SipSrvLabel;
  readonly port: number;
  /** NAPTR service field (RFC 3263 section 4.1). */
  readonly naptrService: "SIPS+D2T" | "SIP+D2T" | "SIP+D2U";
  /** NAPTR order: lower is tried first, so TLS comes before TCP, then UDP (RFC 3263 example). */
  readonly naptrOrder: number;
}

/** The three transports the SBCs serve (DESIGN S8: 5060 UDP/TCP, 5061 TLS), in preference order. */
export const SIP_TRANSPORTS: readonly SipTransport[] = [
  { srvLabel: "_sips._tcp", port: 5061, naptrService: "SIPS+D2T", naptrOrder: 50 },
  { srvLabel: "_sip._tcp", port: 5060, naptrService: "SIP+D2T", naptrOrder: 90 },
  { srvLabel: "_sip._udp", port: 5060, naptrService: "SIP+D2U", naptrOrder: 100 },
];

/** SRV priority when `srvPriorities` does not name a site: all sites equal, clients spread over all SBCs. */
export const DEFAULT_SRV_PRIORITY = 10;
/** SRV weight of every SBC: equal and non-zero, so RFC 2782 clients pick at random in proportion. */
export const SRV_WEIGHT = 10;
/** NAPTR preference of every record; the order field alone ranks the transports. */
export const NAPTR_PREFERENCE = 50;

export interface SipRecordsArgs {
  /** The stack's DNS config: zone, names, TTLs, optional SRV priority per AWS site. */
  readonly dns: DnsConfig;
  /** One entry per AWS site, with its SBCs' Elastic IPs in slot order. */
  readonly sites: readonly SiteEntryPoints[];
}

/**
 * SIP entry points in DNS, per RFC 3263: one DNS-only A record per SBC (its Elastic IP, which
 * carriers allowlist), one SRV record per SBC in each transport's set, and NAPTR records that lead
 * clients to the SRV sets, TLS first. Cloudflare never proxies SIP: every record is grey-clouded.
 */
export class SipRecords extends pulumi.ComponentResource {
  /** A records by SBC FQDN. */
  readonly sbcRecords: Record<string, cloudflare.DnsRecord>;
  /** SRV records by transport label, one per SBC. */
  readonly srvRecords: Record<SipSrvLabel, cloudflare.DnsRecord[]>;
  readonly naptrRecords: cloudflare.DnsRecord[];

  constructor(name: string, args: SipRecordsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:dns:SipRecords", name, {}, opts);
    const { dns } = args;
    const zoneId = dns.zoneId;
    const sbcs = args.sites.flatMap((site) =>
      site.sbcs.map((sbc) => ({
        site: site.site,
        slot: sbc.slot,
        publicIp: sbc.publicIp,
        fqdn: sbcFqdn(dns, site.site, sbc.slot),
      })),
    );

    this.sbcRecords = Object.fromEntries(
      sbcs.map((sbc) => [
        sbc.fqdn,
        new cloudflare.DnsRecord(
          `${name}-${sbc.site}-sbc${sbc.slot + 1}-a`,
          {
            zoneId,
            name: sbc.fqdn,
            type: "A",
            content: sbc.publicIp,
            ttl: dns.sbcRecordTtl,
            proxied: false,
            comment: `SBC ${sbc.slot + 1} of AWS site ${sbc.site}: Elastic IP carriers allowlist`,
          },
          { parent: this },
        ),
      ]),
    );

    const priorityOf = (site: string) => dns.srvPriorities?.[site] ?? DEFAULT_SRV_PRIORITY;
    const srvEntries = SIP_TRANSPORTS.map((transport) => {
      const records = sbcs.map((sbc) => {
        const priority = priorityOf(sbc.site);
        return new cloudflare.DnsRecord(
          `${name}-${transport.srvLabel.replace(/[._]+/g, "-").slice(1)}-${sbc.site}-sbc${sbc.slot + 1}`,
          {
            zoneId,
            name: sipSrvName(dns, transport.srvLabel),
            type: "SRV",
            ttl: dns.srvTtl,
            proxied: false,
            // The API reads SRV fields from `data`; the top-level priority mirrors it to avoid drift.
            priority,
            data: { priority, weight: SRV_WEIGHT, port: transport.port, target: sbc.fqdn },
            comment: `${transport.srvLabel} target: SBC ${sbc.slot + 1} of AWS site ${sbc.site}`,
          },
          { parent: this, dependsOn: [this.sbcRecords[sbc.fqdn]] },
        );
      });
      return [transport.srvLabel, records] as const;
    });
    this.srvRecords = Object.fromEntries(srvEntries) as Record<SipSrvLabel, cloudflare.DnsRecord[]>;

    this.naptrRecords = SIP_TRANSPORTS.map(
      (transport) =>
        new cloudflare.DnsRecord(
          `${name}-naptr-${transport.naptrService.toLowerCase().replace("+", "-")}`,
          {
            zoneId,
            name: sipDomain(dns),
            type: "NAPTR",
            ttl: dns.srvTtl,
            proxied: false,
            // RFC 3263 4.1: flag "S" (next lookup is SRV), empty regexp, the SRV owner as replacement.
            data: {
              order: transport.naptrOrder,
              preference: NAPTR_PREFERENCE,
              flags: "S",
              service: transport.naptrService,
              regex: "",
              replacement: sipSrvName(dns, transport.srvLabel),
            },
            comment: `${transport.naptrService} -> ${transport.srvLabel}`,
          },
          { parent: this },
        ),
    );

    this.registerOutputs({
      sbcFqdns: Object.keys(this.sbcRecords),
      srvNames: SIP_TRANSPORTS.map((t) => sipSrvName(dns, t.srvLabel)),
      naptrName: sipDomain(dns),
    });
  }
}

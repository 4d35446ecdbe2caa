import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { SiteEntryPoints } from "./entryPoints";
import { accountNamePrefix, edgeCertificateHosts, nameSuffix, webFqdns } from "./names";
import { SipRecords } from "./sipRecords";
import { createWebSslRuleset } from "./sslMode";
import { WebLoadBalancer } from "./webLoadBalancer";

type DnsConfig = NetworkConfig["dns"];

export interface GlobalDnsArgs {
  /** The stack's validated `dns` config (zone, account, names, TTLs, health check, NOC address). */
  readonly dns: DnsConfig;
  /** Entry points of every AWS site (ALB DNS name, SBC Elastic IPs), one per site, at least one. */
  readonly sites: readonly SiteEntryPoints[];
}

export type GlobalDnsOpts = pulumi.ComponentResourceOptions & { provider: cloudflare.Provider };

/** Failover figures (DESIGN section 4), in seconds, from the config this component was built with. */
export interface DnsFailoverFigures {
  /** Worst case from an origin's failure to its pool leaving the rotation: the failed probes' intervals, the last probe and its retries timing out. */
  readonly webDetectionSeconds: number;
  /** How long a resolver may keep serving an SRV/NAPTR set after it changes. */
  readonly srvCacheSeconds: number;
  /** How long a resolver may keep an SBC's address after it changes. */
  readonly sbcAddressCacheSeconds: number;
}

/** The monitor marks an origin down after this many failed probes (each probe already retried). */
export const CONSECUTIVE_DOWN = 1;

/** Checks the entry points against the DNS config and returns the fallback site; throws a clear error otherwise. */
export function validateEntryPoints(dns: DnsConfig, sites: readonly SiteEntryPoints[]): string {
  if (sites.length === 0) throw new Error("GlobalDns needs the entry points of at least one AWS site");
  const names = sites.map((s) => s.site);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`GlobalDns: AWS site "${twice}" is given twice`);
  sites.forEach((s) => {
    if (s.sbcs.length === 0)
      throw new Error(`GlobalDns: AWS site "${s.site}" has no SBCs; SIP SRV sets need every site's SBCs`);
    const slots = s.sbcs.map((b) => b.slot);
    const slot = slots.find((n, i) => slots.indexOf(n) !== i || !Number.isInteger(n) || n < 0);
    if (slot !== undefined)
      throw new Error(`GlobalDns: AWS site "${s.site}" has an invalid or repeated SBC slot ${slot}`);
  });
  Object.keys(dns.srvPriorities ?? {}).forEach((site) => {
    if (!names.includes(site))
      throw new Error(
        `GlobalDns: dns.srvPriorities names "${site}", which is not among the AWS sites given (${names.join(", ")})`,
      );
  });
  const fallback = dns.fallbackSite ?? names[0];
  if (!names.includes(fallback))
    throw new Error(`GlobalDns: dns.fallbackSite "${fallback}" is not among the AWS sites given (${names.join(", ")})`);
  return fallback;
}

/**
 * The stack's public names on Cloudflare: a proxied, health-checked round-robin load balancer per
 * web hostname over every AWS site (S3, S10), and the SIP SRV/NAPTR/A records of every SBC (S5).
 * Every name comes from names.ts, so a staging stack only ever writes under its subdomain.
 */
export class GlobalDns extends pulumi.ComponentResource {
  /** The HTTPS monitor every web pool shares. */
  readonly monitor: cloudflare.LoadBalancerMonitor;
  /** Load balancers by web FQDN. */
  readonly web: Record<string, WebLoadBalancer>;
  /** Pool health alerts (pool and origin, unhealthy and healthy) to the NOC address. */
  readonly healthNotification: cloudflare.NotificationPolicy;
  readonly sip: SipRecords;
  /** Advanced edge certificate for names Universal SSL cannot cover (when `dns.advancedCertificate`). */
  readonly edgeCertificate?: cloudflare.CertificatePack;
  /** The zone's configuration rules pinning web hostnames to SSL Full (strict); the apex stack's only. */
  readonly webSsl?: cloudflare.Ruleset;
  readonly failover: DnsFailoverFigures;

  constructor(name: string, args: GlobalDnsArgs, opts: GlobalDnsOpts) {
    // Checked before registering anything, so bad input stops the program with nothing half-declared.
    const fallbackSite = validateEntryPoints(args.dns, args.sites);
    super("callmyway:dns:GlobalDns", name, {}, opts);
    const { dns } = args;
    const check = dns.healthCheck;

    this.monitor = new cloudflare.LoadBalancerMonitor(
      `${name}-web-monitor`,
      {
        accountId: dns.accountId,
        description: `${accountNamePrefix(dns)} web health (${check.path})`,
        type: "https",
        method: "GET",
        path: check.path,
        expectedCodes: "2xx",
        // A redirect means the health page moved or the host rule is wrong: unhealthy, not followed.
        followRedirects: false,
        // The ALB presents the hostname's ACM certificate (Host header per pool origin): verify it.
        allowInsecure: false,
        interval: check.intervalSeconds,
        timeout: check.timeoutSeconds,
        retries: check.retries,
        consecutiveDown: CONSECUTIVE_DOWN,
      },
      { parent: this },
    );

    this.web = Object.fromEntries(
      webFqdns(dns).map((fqdn, i) => [
        fqdn,
        new WebLoadBalancer(
          `${name}-web-${dns.webHostnames[i]}`,
          {
            fqdn,
            accountId: dns.accountId,
            zoneId: dns.zoneId,
            sites: args.sites,
            fallbackSite,
            monitorId: this.monitor.id,
          },
          { parent: this },
        ),
      ]),
    );
    const poolIds = Object.values(this.web).flatMap((lb) => Object.values(lb.pools).map((p) => p.id));

    // Pool-level notificationEmail is deprecated in favour of account notification policies.
    this.healthNotification = new cloudflare.NotificationPolicy(
      `${name}-web-health-alert`,
      {
        accountId: dns.accountId,
        name: `${accountNamePrefix(dns)} web pool health`,
        description: `Health changes of the web pools of ${nameSuffix(dns)}`,
        alertType: "load_balancing_health_alert",
        enabled: true,
        filters: { poolIds, newHealths: ["Unhealthy", "Healthy"], eventSources: ["pool", "origin"] },
        mechanisms: { emails: [{ id: dns.notificationEmail }] },
      },
      { parent: this },
    );

    // Universal SSL stops at *.<zone>; Total TLS skips Load Balancing hostnames: a subdomain stack
    // needs an advanced certificate at Cloudflare's edge (ACM add-on). TXT validation is automatic
    // in a full DNS setup. Packs cannot change in place: a new host list means a new pack.
    if (dns.advancedCertificate) {
      this.edgeCertificate = new cloudflare.CertificatePack(
        `${name}-edge-certificate`,
        {
          zoneId: dns.zoneId,
          type: "advanced",
          hosts: edgeCertificateHosts(dns),
          certificateAuthority: "lets_encrypt",
          validationMethod: "txt",
          validityDays: 90,
          cloudflareBranding: false,
        },
        { parent: this },
      );
    }

    this.webSsl = createWebSslRuleset(name, dns, this);

    this.sip = new SipRecords(`${name}-sip`, { dns, sites: args.sites }, { parent: this });

    this.failover = {
      webDetectionSeconds: CONSECUTIVE_DOWN * check.intervalSeconds + (check.retries + 1) * check.timeoutSeconds,
      srvCacheSeconds: dns.srvTtl,
      sbcAddressCacheSeconds: dns.sbcRecordTtl,
    };

    this.registerOutputs({
      monitorId: this.monitor.id,
      loadBalancers: Object.fromEntries(Object.entries(this.web).map(([fqdn, lb]) => [fqdn, lb.loadBalancer.id])),
      failover: this.failover,
    });
  }
}

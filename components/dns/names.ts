// Every DNS name the program creates, in one place, so that staging can never produce a prod name.
import { NetworkConfig } from "../../config";

type DnsConfig = NetworkConfig["dns"];

/** The suffix under which this stack's names live: `callmyway.com`, or `staging.callmyway.com`. */
export function nameSuffix(dns: DnsConfig): string {
  return dns.subdomain ? `${dns.subdomain}.${dns.zone}` : dns.zone;
}

/** Fully qualified web hostnames (`www.callmyway.com`, `www.staging.callmyway.com`). */
export function webFqdns(dns: DnsConfig): string[] {
  return dns.webHostnames.map((h) => `${h}.${nameSuffix(dns)}`);
}

/** The SIP domain clients resolve SRV/NAPTR for (`sip.callmyway.com`). */
export function sipDomain(dns: DnsConfig): string {
  return `${dns.sipLabel}.${nameSuffix(dns)}`;
}

/** A-record name of one SBC: `sbc1.use1.sip.callmyway.com` (1-based, stable with the pool slot). */
export function sbcFqdn(dns: DnsConfig, site: string, slot: number): string {
  return `sbc${slot + 1}.${site}.${sipDomain(dns)}`;
}

/** SIP transports the SBCs serve, as SRV owner labels under the SIP domain (RFC 3263). */
export type SipSrvLabel = "_sips._tcp" | "_sip._tcp" | "_sip._udp";

/** Owner name of an SRV set: `_sip._udp.sip.callmyway.com` (Cloudflare v6 takes the full name). */
export function sipSrvName(dns: DnsConfig, label: SipSrvLabel): string {
  return `${label}.${sipDomain(dns)}`;
}

/**
 * Account-level Cloudflare names (pools, monitor, notification policy) share one namespace across
 * stacks, so they carry this stack's suffix: `callmyway-com`, `staging-callmyway-com`.
 */
export function accountNamePrefix(dns: DnsConfig): string {
  return nameSuffix(dns).replace(/\./g, "-");
}

/** Name of a web hostname's pool at one AWS site: `www-staging-callmyway-com-use1` (letters, digits, '-'). */
export function webPoolName(webFqdn: string, site: string): string {
  return `${webFqdn.replace(/\./g, "-")}-${site}`;
}

/**
 * Hosts of the advanced edge certificate: Cloudflare requires the zone apex in every pack, plus the
 * wildcard one label below this stack's suffix (`*.staging.callmyway.com` covers `www.staging...`).
 */
export function edgeCertificateHosts(dns: DnsConfig): string[] {
  return [...new Set([dns.zone, `*.${nameSuffix(dns)}`])];
}

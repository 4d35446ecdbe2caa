// Every DNS name the program creates, in one place, so that staging can never produce a prod name.
import { NetworkConfig } from "../config";

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

// Global DNS (S3, S5): Cloudflare load balancing for the web names, SIP records for the SBCs.
export { GlobalDns, validateEntryPoints } from "./globalDns";
export type { DnsFailoverFigures } from "./globalDns";
export type { SiteEntryPoints } from "./entryPoints";

// What admins reach over the Client VPN (S9), decided once: the firewall, the VPN's authorisations
// and routes, and the policy pack all read these destinations.
//
// Admins work from dedicated workstations over the VPN on the core API of every AWS site. Host
// access is SSM Session Manager (no SSH, no key pairs), which needs no VPN path; the database is
// reached from a core host in such a session (data admits only core, S8). Data centres are
// administered from their own networks: the VPN is no way into them.
import type { AwsSiteConfig, NetworkConfig } from "../../config/schema";
import { contains, mustParseCidr } from "../ipv4";
import { tierCidr } from "./addressPlan";
import { awsSitesOf } from "./sites";

export interface AdminDestination {
  /** The AWS site whose tier block it is. */
  readonly site: string;
  readonly tier: "core";
  /** The tier block (what the VPN authorises and routes). */
  readonly cidr: string;
  readonly protocol: "tcp";
  readonly port: number;
  readonly service: "core API";
}

export interface AdminAccess {
  /** The AWS site hosting the Client VPN endpoint. */
  readonly site: AwsSiteConfig;
  readonly clientCidr: string;
  readonly destinations: readonly AdminDestination[];
  /** Each destination block once, in destination order: one authorisation rule each. */
  readonly authorisedCidrs: readonly string[];
  /**
   * Blocks the endpoint needs a route to (one per association): those outside its own VPC, which
   * AWS routes itself once a subnet is associated.
   */
  readonly routedCidrs: readonly string[];
}

/** Text naming a destination in descriptions: `use1 core tier`. */
export function destinationName(d: Pick<AdminDestination, "site" | "tier">): string {
  return `${d.site} ${d.tier} tier`;
}

export function adminAccessOf(config: Pick<NetworkConfig, "sites" | "admin" | "ports">): AdminAccess {
  const sites = awsSitesOf(config);
  const site = sites.find((s) => s.name === (config.admin.vpnSite ?? sites[0]?.name));
  if (!site) throw new Error(`admin.vpnSite "${config.admin.vpnSite}" is not an AWS site of this stack`);
  const destinations = sites.map((s): AdminDestination => ({
    site: s.name,
    tier: "core",
    cidr: tierCidr(s.cidr, "core"),
    protocol: "tcp",
    port: config.ports.coreApi,
    service: "core API",
  }));
  const authorisedCidrs = [...new Set(destinations.map((d) => d.cidr))];
  return {
    site,
    clientCidr: config.admin.clientCidr,
    destinations,
    authorisedCidrs,
    routedCidrs: authorisedCidrs.filter((cidr) => !contains(mustParseCidr(site.cidr), mustParseCidr(cidr))),
  };
}

// What the DNS layer needs from one AWS site's pools: the contract between the pools and global DNS.
import * as pulumi from "@pulumi/pulumi";

/** What the DNS layer needs from one AWS site's pools. */
export interface SiteEntryPoints {
  readonly site: string;
  readonly region: string;
  /** DNS name of the site's internet-facing ALB: the origin of the site's Cloudflare pool. */
  readonly albDnsName: pulumi.Input<string>;
  /** The site's SBCs in slot order, each with the static public IP carriers allowlist. */
  readonly sbcs: readonly { readonly slot: number; readonly publicIp: pulumi.Input<string> }[];
}

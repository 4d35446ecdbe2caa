import { Cidr, formatCidr, mustParseCidr, subnet } from "../ipv4";

/** Subnet tiers of a site, in the order their blocks are carved from the site CIDR. */
export type SubnetTier = "edge" | "web" | "core" | "data";
export const SUBNET_TIERS: readonly SubnetTier[] = ["edge", "web", "core", "data"];

/**
 * Room for four AZs per tier, whatever azCount is today: adding an AZ later never renumbers an
 * existing subnet. The site CIDR splits into 4 tier blocks of 4 AZ slots, so subnets are /(p+4).
 */
export const AZ_SLOTS = 4;

export function subnetCidr(siteCidr: string, tier: SubnetTier, azIndex: number): string {
  if (azIndex < 0 || azIndex >= AZ_SLOTS)
    throw new Error(`AZ index ${azIndex} is outside the ${AZ_SLOTS} slots of a tier`);
  const site: Cidr = mustParseCidr(siteCidr);
  const index = SUBNET_TIERS.indexOf(tier) * AZ_SLOTS + azIndex;
  return formatCidr(subnet(site, site.prefix + 4, index));
}

/** The whole tier block (all AZ slots), e.g. for network ACL rules that cover a tier. */
export function tierCidr(siteCidr: string, tier: SubnetTier): string {
  const site = mustParseCidr(siteCidr);
  return formatCidr(subnet(site, site.prefix + 2, SUBNET_TIERS.indexOf(tier)));
}

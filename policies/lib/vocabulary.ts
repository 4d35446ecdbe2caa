// The tag vocabulary the program writes and the pack reads, defined once. It lives in the pack
// because the pack is packaged on its own (it imports nothing from outside policies/); the program
// imports it from here (components/tags.ts).

/**
 * Policies key on `tier`: only `sbc` and the web entry may face the internet; `network` marks
 * shared plumbing (VPC, NAT, endpoints, transit).
 */
export const TIERS = ["sbc", "web", "core", "data", "network"] as const;
export type Tier = (typeof TIERS)[number];

/** Tiers that may face the internet, and tiers that never may. */
export const INTERNET_FACING_TIERS: readonly Tier[] = ["sbc", "web"];
export const PRIVATE_TIERS: readonly Tier[] = ["core", "data"];

/** Tag keys every taggable resource carries (own tags or provider default tags). */
export const REQUIRED_TAG_KEYS = ["project", "environment", "site", "tier", "managed-by"] as const;

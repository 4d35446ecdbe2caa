/**
 * Every resource carries these tags. Policies key on `tier`: only `sbc` and the web entry may face
 * the internet; `network` marks shared plumbing (VPC, NAT, endpoints, transit).
 */
export type Tier = "sbc" | "web" | "core" | "data" | "network";

export const TIERS: readonly Tier[] = ["sbc", "web", "core", "data", "network"];
export const REQUIRED_TAG_KEYS = ["project", "environment", "site", "tier", "managed-by"] as const;
export const PROJECT_TAG = "callmyway";

export type Tags = Record<string, string>;

/** The tags a site's provider applies by default (everything but the tier). */
export function siteTags(environment: string, site: string): Tags {
  return { project: PROJECT_TAG, environment, site, "managed-by": "pulumi" };
}

/** Full tag set for one resource; `name` becomes the console-visible Name tag. */
export function tierTags(base: Tags, tier: Tier, name?: string): Tags {
  return { ...base, tier, ...(name ? { Name: name } : {}) };
}

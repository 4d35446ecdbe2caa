// Every resource carries the required tags; the vocabulary (tiers, keys) is the policy pack's.
import { Tier } from "../policies/lib/vocabulary";

export { REQUIRED_TAG_KEYS, TIERS } from "../policies/lib/vocabulary";
export type { Tier } from "../policies/lib/vocabulary";
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

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { effectiveTags } from "../lib/resources";
import { TIERS } from "../lib/rule";
import { REQUIRED_TAG_KEYS } from "../lib/vocabulary";

const DEFAULTS = { requiredTags: [...REQUIRED_TAG_KEYS] as string[], allowedTiers: TIERS };

/** Policies key on `tier`: a taggable resource without the tag set would slip past every exposure rule. */
export const requiredTags: ResourceValidationPolicy = {
  name: "required-tags-present",
  description:
    "AWS resources that take tags carry project, environment, site, tier and managed-by (own tags or provider default tags), and a known tier.",
  enforcementLevel: "mandatory",
  severity: "medium",
  tags: ["governance"],
  configSchema: {
    properties: {
      requiredTags: {
        type: "array",
        items: { type: "string" },
        default: DEFAULTS.requiredTags,
        description: "Tag keys every taggable resource carries",
      },
      allowedTiers: {
        type: "array",
        items: { type: "string" },
        default: DEFAULTS.allowedTiers,
        description: "Known tiers",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    // Taggable = the resource takes a `tags` input (the key is present, even when empty).
    if (!args.type.startsWith("aws:") || !("tags" in args.props)) return;
    const { requiredTags: keys, allowedTiers } = configOf(args, DEFAULTS);
    const tags = effectiveTags(args);
    const missing = keys.filter((k) => !tags[k]);
    if (missing.length > 0) reportViolation(`${args.name}: missing tag(s) ${missing.join(", ")}`);
    if (tags.tier && !allowedTiers.includes(tags.tier))
      reportViolation(`${args.name}: unknown tier "${tags.tier}" (expected one of ${allowedTiers.join(", ")})`);
  },
};

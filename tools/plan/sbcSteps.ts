// The rollout step check of the review diff (S5): a step may replace at most one SBC per site, and only
// a drained one. One config cannot say which slots a step moves (voice.rollout.slots keeps the earlier
// ones too); the diff against the baseline plan can: the SBC instances it replaces.
import type { PlanResource } from "./capture";
import type { PlanDocument } from "./document";

const SBC_INSTANCE = "aws:ec2/instance:Instance";

/** What a step does to one site's SBCs. */
export interface SbcSiteStep {
  readonly site: string;
  /** Slots (1-based, the `sbc-slot` tag) whose instance the step replaces. */
  readonly replacedSlots: number[];
  /** Of those, the ones the head config does not drain (`sbc-drained` tag): their calls are dropped. */
  readonly undrainedSlots: number[];
}

const tagsOf = (r: PlanResource): Record<string, unknown> => {
  const tags = r.inputs.tags;
  return typeof tags === "object" && tags !== null && !Array.isArray(tags) ? (tags as Record<string, unknown>) : {};
};

/** The SBC slots replaced per site, from the replaced URNs and the head plan's instances. */
export function sbcSiteSteps(replacedUrns: readonly string[], head: PlanDocument): SbcSiteStep[] {
  const replaced = new Set(replacedUrns);
  const bySite = new Map<string, { slots: number[]; undrained: number[] }>();
  head.resources
    .filter((r) => r.type === SBC_INSTANCE && replaced.has(r.urn) && tagsOf(r)["sbc-slot"] !== undefined)
    .forEach((r) => {
      const tags = tagsOf(r);
      const site = String(tags.site ?? "unknown");
      const slot = Number(tags["sbc-slot"]);
      const entry = bySite.get(site) ?? { slots: [], undrained: [] };
      entry.slots.push(slot);
      if (tags["sbc-drained"] !== "true") entry.undrained.push(slot);
      bySite.set(site, entry);
    });
  return [...bySite.entries()]
    .map(([site, e]) => ({
      site,
      replacedSlots: e.slots.sort((a, b) => a - b),
      undrainedSlots: e.undrained.sort((a, b) => a - b),
    }))
    .sort((a, b) => a.site.localeCompare(b.site));
}

/** One message per site where the step drops calls: more than one SBC replaced, or one not drained. */
export function sbcStepProblems(steps: readonly SbcSiteStep[]): string[] {
  return steps.flatMap((s) => [
    ...(s.replacedSlots.length > 1
      ? [
          `site ${s.site}: this step replaces ${s.replacedSlots.length} SBCs (slots ${s.replacedSlots.join(", ")}); a rollout step replaces at most one SBC per site (voice.rollout.moving)`,
        ]
      : []),
    ...(s.undrainedSlots.length > 0
      ? [
          `site ${s.site}: this step replaces SBC slot${s.undrainedSlots.length > 1 ? "s" : ""} ${s.undrainedSlots.join(", ")} without draining it (voice.drained.${s.site}): its calls are dropped`,
        ]
      : []),
  ]);
}

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
  /**
   * Of those, the ones the baseline did not drain: drained and replaced in one step, so the drain never had
   * the time to run (the drain association runs when the drained config is applied, the replacement at once).
   */
  readonly notDrainedBeforeSlots: number[];
}

const tagsOf = (r: PlanResource): Record<string, unknown> => {
  const tags = r.inputs.tags;
  return typeof tags === "object" && tags !== null && !Array.isArray(tags) ? (tags as Record<string, unknown>) : {};
};

/**
 * The SBC slots replaced per site, from the replaced URNs and the head plan's instances; with the baseline
 * plan, also the slots it did not drain (an instance the baseline does not have was not drained there either).
 */
export function sbcSiteSteps(
  replacedUrns: readonly string[],
  head: PlanDocument,
  baseline?: PlanDocument,
): SbcSiteStep[] {
  const replaced = new Set(replacedUrns);
  const before = new Map((baseline?.resources ?? []).map((r) => [r.urn, r]));
  const bySite = new Map<string, { slots: number[]; undrained: number[]; notBefore: number[] }>();
  head.resources
    .filter((r) => r.type === SBC_INSTANCE && replaced.has(r.urn) && tagsOf(r)["sbc-slot"] !== undefined)
    .forEach((r) => {
      const tags = tagsOf(r);
      const site = String(tags.site ?? "unknown");
      const slot = Number(tags["sbc-slot"]);
      const entry = bySite.get(site) ?? { slots: [], undrained: [], notBefore: [] };
      entry.slots.push(slot);
      if (tags["sbc-drained"] !== "true") entry.undrained.push(slot);
      const old = before.get(r.urn);
      if (baseline && tags["sbc-drained"] === "true" && (!old || tagsOf(old)["sbc-drained"] !== "true"))
        entry.notBefore.push(slot);
      bySite.set(site, entry);
    });
  return [...bySite.entries()]
    .map(([site, e]) => ({
      site,
      replacedSlots: e.slots.sort((a, b) => a - b),
      undrainedSlots: e.undrained.sort((a, b) => a - b),
      notDrainedBeforeSlots: e.notBefore.sort((a, b) => a - b),
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
    ...(s.notDrainedBeforeSlots.length > 0
      ? [
          `site ${s.site}: this step drains and replaces SBC slot${s.notDrainedBeforeSlots.length > 1 ? "s" : ""} ${s.notDrainedBeforeSlots.join(", ")} at once: the baseline did not drain it, so its calls had no time to end (drain in a step of its own, wait for the drain, then move)`,
        ]
      : []),
  ]);
}

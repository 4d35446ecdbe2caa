// The preflight of a plan: built from what the run registered and the stack config it ran with, or
// from a saved plan file and its stack's config (a hand-edited plan is checked the same way).
import * as fs from "fs";
import type { Json, PlanResource } from "../plan/capture";
import { rawProjectConfig, readStackConfig, stackFile } from "../stackConfig";
import { PreflightReport, runPreflight } from ".";
import { AmiLookup, planView } from "./view";

export interface PreflightInputs {
  readonly resources: readonly PlanResource[];
  /** The flat stack config the plan ran with (`namespace:key` -> text). */
  readonly stackValues: Record<string, string>;
  readonly amiLookups?: readonly AmiLookup[];
  /** The day the plan is checked on (image deprecation); default today. */
  readonly now?: Date;
}

export function preflightOf(inputs: PreflightInputs): PreflightReport {
  return runPreflight(
    planView({
      resources: inputs.resources,
      projectConfig: rawProjectConfig(inputs.stackValues),
      defaultRegion: inputs.stackValues["aws:region"],
      amiLookups: inputs.amiLookups,
      now: inputs.now,
    }),
  );
}

/** The stack config a saved plan names, when its stack file is in `root` (else none: quotas at AWS's defaults). */
export function stackValuesFor(stack: string, root: string): Record<string, string> {
  return fs.existsSync(stackFile(stack, root)) ? readStackConfig(stack, root).values : {};
}

/** The image look-ups a saved plan recorded (`imageLookups`), if it has them. */
export function recordedLookups(plan: { [key: string]: unknown }): AmiLookup[] {
  const recorded = plan.imageLookups;
  return Array.isArray(recorded)
    ? (recorded as { inputs: { [key: string]: Json }; answer?: { [key: string]: Json } }[])
    : [];
}

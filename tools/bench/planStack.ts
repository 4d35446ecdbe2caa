// The one step the benchmark measures: plan one stack config, exactly as `npm run plan` does.
import { PlanDocument, PlanOptions, planFromStackConfig } from "../plan/document";
import { PROJECT_ROOT, StackConfig } from "../stackConfig";

/**
 * Config -> validation -> index.ts under preview-faithful mocks -> policy evaluation and figures:
 * the same function `npm run plan` uses, fed a config object so synthetic networks go through it too.
 */
export function planStackConfig(config: StackConfig, root = PROJECT_ROOT, options: PlanOptions = {}): Promise<PlanDocument> {
  return planFromStackConfig(config, root, undefined, options);
}

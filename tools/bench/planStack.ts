// The one step the benchmark measures: plan one stack config, exactly as `npm run plan` does.
import * as path from "path";
import { validateConfig } from "../../config";
import { PlanDocument } from "../plan/document";
import { runUnderMocks } from "../plan/capture";
import { PROJECT_NAME, PROJECT_ROOT, StackConfig, rawProjectConfig } from "../stackConfig";

/**
 * Config -> validation -> index.ts under preview-faithful mocks -> plan document: the code path of
 * tools/plan/document.ts `buildPlan`, fed a config object instead of a stack file so synthetic
 * networks go through it too. Whatever the plan does after the preview (policy evaluation, figures)
 * belongs here as well, so that the benchmark measures it.
 */
export async function planStackConfig(config: StackConfig, root = PROJECT_ROOT): Promise<PlanDocument> {
  validateConfig(rawProjectConfig(config.values));
  const captured = await runUnderMocks({
    project: PROJECT_NAME,
    stack: config.stack,
    config: config.values,
    secretKeys: config.secretKeys,
    preview: true,
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    program: () => require(path.join(root, "index.ts")),
  });
  const plan: PlanDocument = { project: PROJECT_NAME, stack: config.stack, resources: captured.resources, outputs: captured.outputs };
  return plan;
}

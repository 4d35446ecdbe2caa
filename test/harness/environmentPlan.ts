// An environment's preview as one document for the policy tests: the union of every stack's
// registrations (URNs name their stack), and the pack evaluated the way `pulumi preview --stack <name>
// --policy-pack` does it, one stack at a time.
import type { PlanResource } from "../../tools/plan/capture";
import type { PlanDocument } from "../../tools/plan/document";
import type { PolicyViolation } from "../../tools/policy/engine";
import { byViolationOrder } from "../../tools/policy/engine";
import type { PolicyConfigFile } from "../../tools/policy/policyConfig";
import { policyViolationsFor } from "../../tools/policy/report";
import { PROJECT_NAME } from "../../tools/stackConfig";
import { runStack } from "./program";

/** The stack a URN belongs to (`urn:pulumi:<stack>::...`). */
export const stackOfUrn = (urn: string) => urn.split("::")[0].slice("urn:pulumi:".length);

/** The pack's violations, each stack's resources evaluated on their own. */
export async function perStackViolations(
  resources: readonly PlanResource[],
  config: PolicyConfigFile,
): Promise<PolicyViolation[]> {
  const byStack = new Map<string, PlanResource[]>();
  resources.forEach((r) => byStack.set(stackOfUrn(r.urn), [...(byStack.get(stackOfUrn(r.urn)) ?? []), r]));
  const all = await Promise.all([...byStack.values()].map((own) => policyViolationsFor(own, config)));
  return all.flat().sort(byViolationOrder);
}

/** Every stack of the environment previewed, as one plan document (no figures or preflight). */
export async function environmentPlan(
  environment: "prod" | "staging",
  config: PolicyConfigFile,
): Promise<PlanDocument> {
  const run = await runStack(environment, { preview: true });
  return {
    project: PROJECT_NAME,
    stack: environment,
    resources: run.resources,
    outputs: run.outputs,
    policyViolations: await perStackViolations(run.resources, config),
  };
}

/** The stacks of an environment plan, in the order a mutation looks for what it breaks: shared, sites, mesh, dns. */
function stacksInOrder(plan: PlanDocument): [string, PlanResource[]][] {
  const byStack = new Map<string, PlanResource[]>();
  plan.resources.forEach((r) => byStack.set(stackOfUrn(r.urn), [...(byStack.get(stackOfUrn(r.urn)) ?? []), r]));
  const rank = (name: string) => (name === plan.stack ? 0 : /-(mesh|dns)$/.test(name) ? 2 : 1);
  return [...byStack.entries()].sort(([a], [b]) => rank(a) - rank(b));
}

/**
 * Breaks one stack of the environment plan in one way: the mutation runs on a copy of each stack's own
 * plan in turn, until one has what it breaks (a mutation throws "... to mutate" when a stack has not).
 * A real change breaks a stack, and the pack judges that stack alone: references it could not have
 * (another stack's resources) are never fabricated.
 */
export function mutateOneStack(
  plan: PlanDocument,
  mutate: (plan: PlanDocument) => void,
): { stack: string; resources: PlanResource[] } {
  for (const [stack, own] of stacksInOrder(plan)) {
    const copy: PlanDocument = { ...plan, stack, resources: structuredClone(own) };
    try {
      mutate(copy);
    } catch (err) {
      if (/to mutate/.test((err as Error).message)) continue;
      throw err;
    }
    // A mutation that found nothing to change here (removing what this stack has none of) looks further.
    if (JSON.stringify(copy.resources) === JSON.stringify(own)) continue;
    return { stack, resources: copy.resources };
  }
  throw new Error(`no stack of the ${plan.stack} environment has what the mutation breaks`);
}

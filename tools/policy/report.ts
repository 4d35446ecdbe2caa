import { PACK_ENFORCEMENT_LEVEL } from "../../policies/lib/rule";
import { PlanResource } from "../plan/capture";
import { evaluatePolicies, PolicyViolation } from "./engine";
import { checkPolicyNames, PolicyConfigFile } from "./policyConfig";
import { RULES } from "../../policies/rules";

/** Evaluates the whole pack on a plan's resources with the given pack config. */
export async function policyViolationsFor(
  resources: readonly PlanResource[],
  config: PolicyConfigFile,
): Promise<PolicyViolation[]> {
  checkPolicyNames(config, RULES);
  return evaluatePolicies(resources, { rules: RULES, config, packEnforcementLevel: PACK_ENFORCEMENT_LEVEL });
}

/** Printed after the plan summary: counts by level, then one line per violation. */
export function formatViolations(violations: readonly PolicyViolation[]): string {
  const count = (level: string) => violations.filter((v) => v.enforcementLevel === level).length;
  const lines = [
    `Policy violations: ${count("mandatory")} mandatory, ${count("advisory")} advisory (${RULES.length} policies evaluated)`,
  ];
  violations.forEach((v) =>
    lines.push(`  [${v.enforcementLevel}] ${v.policy}: ${v.message}${v.urn ? `\n      ${v.urn}` : ""}`),
  );
  return lines.join("\n");
}

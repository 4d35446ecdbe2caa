// What the environment plan prints and comments: one line per stack, the environment's figures once,
// and, against a base branch, each planned stack's diff and every skipped stack with its reason.
import { mandatoryViolations, type PolicyViolation } from "../policy/engine";
import { formatPreflight, type PreflightReport } from "../preflight";
import { diffMarkdown, diffPlans, type PlanDiff } from "./diff";
import type { PlanDocument } from "./document";
import type { EnvironmentChecks, EnvironmentPlan, StackOutcome } from "./environmentPlan";
import { formatFigures, planFigures } from "./figures";
import { formatReachability } from "./reachability";

/** One stack's plan failed its own checks (mandatory policies or the preflight). */
export function stackFails(outcome: StackOutcome): boolean {
  if (!("planned" in outcome)) return false;
  const violations = outcome.planned.policyViolations as PolicyViolation[];
  const preflight = outcome.planned.preflight as PreflightReport | undefined;
  return mandatoryViolations(violations).length > 0 || (preflight?.violations.length ?? 0) > 0;
}

export function checksFail(checks: EnvironmentChecks | undefined): boolean {
  return checks !== undefined && (checks.mesh.length > 0 || checks.preflight.violations.length > 0);
}

export function stackLine(outcome: StackOutcome): string {
  if (!("planned" in outcome)) return `${outcome.spec.name}: skipped (${outcome.reason})`;
  const plan = outcome.planned;
  const violations = plan.policyViolations as PolicyViolation[];
  const mandatory = mandatoryViolations(violations).length;
  const preflight = plan.preflight as PreflightReport | undefined;
  const custom = plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:")).length;
  return (
    `${plan.stack}: ${plan.resources.length} registrations, ${custom} cloud resources; ` +
    `policies ${mandatory} mandatory, ${violations.length - mandatory} advisory; ` +
    `preflight ${preflight ? `${preflight.violations.length} violations` : "not run"}`
  );
}

export function formatEnvironment(plan: EnvironmentPlan): string {
  const lines = [`Offline plan of environment ${plan.environment}: ${plan.stacks.length} stacks`, ""];
  plan.stacks.forEach((s) => lines.push(`  ${stackLine(s)}`));
  if (!plan.checks) return lines.join("\n");
  lines.push("", formatFigures(planFigures(plan.config)), "", formatReachability(plan.checks.reachability));
  lines.push(
    "",
    plan.checks.mesh.length === 0
      ? "Mesh: every pair of AWS sites peered, accepted and routed both ways"
      : `Mesh incomplete:\n${plan.checks.mesh.map((p) => `  ${p}`).join("\n")}`,
  );
  lines.push("", `Environment-wide ${formatPreflight(plan.checks.preflight)}`);
  return lines.join("\n");
}

export interface StackDiff {
  readonly stack: string;
  readonly diff?: PlanDiff;
}

/** Each planned stack against its base plan (none when the base has no plan of it). */
export function diffsAgainst(plan: EnvironmentPlan, base: (stack: string) => PlanDocument | undefined): StackDiff[] {
  return plan.stacks
    .filter((s) => "planned" in s)
    .map((s) => {
      const before = base(s.spec.name);
      return { stack: s.spec.name, diff: before && "planned" in s ? diffPlans(before, s.planned) : undefined };
    });
}

/** The pull request's comment for one environment. */
export function environmentMarkdown(plan: EnvironmentPlan, diffs: readonly StackDiff[]): string {
  const lines = [`## Offline plan: environment \`${plan.environment}\``];
  const skipped = plan.stacks.filter((s) => !("planned" in s));
  lines.push("", `Planned: ${diffs.map((d) => `\`${d.stack}\``).join(", ") || "none"}.`);
  plan.stacks.forEach((s) => {
    if ("planned" in s && s.why) lines.push(`- \`${s.spec.name}\`: ${s.why}`);
  });
  lines.push("", skipped.length === 0 ? "Skipped: none." : "Skipped:");
  skipped.forEach((s) => lines.push(`- \`${s.spec.name}\`: ${"reason" in s ? s.reason : ""}`));
  if (plan.checks && plan.checks.mesh.length > 0)
    lines.push("", "#### Mesh incomplete", "", ...plan.checks.mesh.map((p) => `- **${p}**`));
  diffs.forEach((d) =>
    lines.push("", d.diff ? diffMarkdown(d.diff, d.stack) : `### \`${d.stack}\`: new stack (no plan of it in base)`),
  );
  return lines.join("\n") + "\n";
}

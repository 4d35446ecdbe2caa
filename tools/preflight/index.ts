// The preflight: every registered resource's inputs against the documented constraints of its API,
// then the constraints across resources (uniqueness, combinations, quotas, dated lifecycles). It runs in
// every plan and on saved plans (`npm run plan -- --check`), and reports its coverage of the kinds.
import type { PlanResource } from "../plan/capture";
import { COMBINATIONS } from "./combinations";
import { CLOUDFLARE_KINDS } from "./kinds/cloudflare";
import { COMPUTE_KINDS } from "./kinds/compute";
import { DATA_KINDS } from "./kinds/data";
import { EC2_KINDS } from "./kinds/ec2";
import { GENERATED_KINDS } from "./kinds/generated";
import { INTERCONNECT_KINDS } from "./kinds/interconnect";
import { OBSERVABILITY_KINDS } from "./kinds/observability";
import { SSM_KINDS } from "./kinds/ssm";
import { LIFECYCLES } from "./lifecycle";
import { QUOTA_CONSTRAINTS, uncountedQuotaKeys } from "./quotas";
import type { KindConstraints, PlanConstraint, PreflightViolation } from "./types";
import { UNIQUENESS } from "./uniqueness";
import { PlanView } from "./view";

export const KIND_CONSTRAINTS: KindConstraints = {
  ...EC2_KINDS,
  ...INTERCONNECT_KINDS,
  ...COMPUTE_KINDS,
  ...DATA_KINDS,
  ...OBSERVABILITY_KINDS,
  ...SSM_KINDS,
  ...CLOUDFLARE_KINDS,
  ...GENERATED_KINDS,
};

export const PLAN_CONSTRAINTS: readonly PlanConstraint[] = [
  ...UNIQUENESS,
  ...COMBINATIONS,
  ...QUOTA_CONSTRAINTS,
  ...LIFECYCLES,
];

export interface PreflightCoverage {
  /** Kinds the plan registers that an API creates (components excluded), sorted. */
  readonly registered: string[];
  /** Of those, the kinds no constraint checks (must be none). */
  readonly unchecked: string[];
  /** Constraints that apply to the registered kinds. */
  readonly constraints: number;
  /** `awsQuotas` keys the stack sets that no quota constraint counts. */
  readonly uncountedQuotaKeys: string[];
}

export interface PreflightReport {
  readonly coverage: PreflightCoverage;
  readonly violations: PreflightViolation[];
}

const COVERAGE_RULE =
  "every kind the program registers has its API's constraints checked (add them under tools/preflight/kinds)";

/** Kinds a cloud or local provider creates: custom resources and providers; components are the program's own. */
const apiKind = (r: PlanResource): boolean => r.custom;

export function runPreflight(view: PlanView): PreflightReport {
  const registered = [...new Set(view.resources.filter(apiKind).map((r) => r.type))].sort();
  const planKinds = new Set(PLAN_CONSTRAINTS.flatMap((c) => c.kinds));
  const unchecked = registered.filter((k) => !(KIND_CONSTRAINTS[k]?.length > 0) && !planKinds.has(k));
  const inputViolations = view.resources
    .filter(apiKind)
    .flatMap((r) => (KIND_CONSTRAINTS[r.type] ?? []).flatMap((c) => c.check(r, view)));
  const coverageViolations = unchecked.map((kind) => ({
    urn: view.ofKind(kind)[0].urn,
    property: "(kind)",
    value: kind,
    rule: COVERAGE_RULE,
    source: "tools/preflight/index.ts",
  }));
  const violations = [
    ...inputViolations,
    ...PLAN_CONSTRAINTS.flatMap((c) => c.check(view)),
    ...coverageViolations,
  ].sort((a, b) => a.urn.localeCompare(b.urn) || a.property.localeCompare(b.property) || a.rule.localeCompare(b.rule));
  const constraints =
    registered.reduce((n, k) => n + (KIND_CONSTRAINTS[k]?.length ?? 0), 0) +
    PLAN_CONSTRAINTS.filter((c) => c.kinds.some((k) => registered.includes(k))).length;
  return { coverage: { registered, unchecked, constraints, uncountedQuotaKeys: uncountedQuotaKeys(view) }, violations };
}

const shown = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** Text for the terminal and CI logs, printed beside the policy verdict. */
export function formatPreflight(report: PreflightReport): string {
  const { coverage, violations } = report;
  const checked = coverage.registered.length - coverage.unchecked.length;
  const lines = [
    `Preflight: ${checked}/${coverage.registered.length} resource kinds checked (${coverage.constraints} constraints): ${violations.length === 0 ? "no violations" : `${violations.length} violation${violations.length === 1 ? "" : "s"}`}`,
  ];
  if (coverage.unchecked.length > 0) lines.push(`  kinds without constraints: ${coverage.unchecked.join(", ")}`);
  if (coverage.uncountedQuotaKeys.length > 0)
    lines.push(`  awsQuotas keys the preflight does not count: ${coverage.uncountedQuotaKeys.join(", ")}`);
  violations.forEach((v) =>
    lines.push(`  ${v.urn}`, `    ${v.property} = ${shown(v.value)}: ${v.rule}`, `    (${v.source})`),
  );
  return lines.join("\n");
}

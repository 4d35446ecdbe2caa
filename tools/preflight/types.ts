// The preflight's vocabulary: a documented API constraint on one resource kind's inputs, a constraint
// across the plan's resources, and the violation either reports.
import type { Json, PlanResource } from "../plan/capture";
import type { PlanView } from "./view";

export interface PreflightViolation {
  readonly urn: string;
  /** Dotted path of the input (`[n]` for list items), or the quota or uniqueness key. */
  readonly property: string;
  readonly value: Json;
  /** What the API requires, in a few words. */
  readonly rule: string;
  /** The document stating it. */
  readonly source: string;
}

/** A constraint the API puts on one resource's inputs. */
export interface InputConstraint {
  readonly rule: string;
  readonly source: string;
  /** Violations of `resource` (empty when it complies, or when the values it needs are unknown). */
  check(resource: PlanResource, view: PlanView): PreflightViolation[];
  /** Inputs that comply and inputs that break the constraint: documentation, and the tests' cases. */
  readonly examples: { readonly ok: { [key: string]: Json }; readonly bad: { [key: string]: Json } };
}

/** A constraint across resources: uniqueness, quotas, dated lifecycles, combinations with another resource. */
export interface PlanConstraint {
  readonly rule: string;
  readonly source: string;
  /** The kinds whose resources it checks (they count as covered). */
  readonly kinds: readonly string[];
  check(view: PlanView): PreflightViolation[];
}

export type KindConstraints = Readonly<Record<string, readonly InputConstraint[]>>;

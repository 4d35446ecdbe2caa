// What the constraints read besides one resource's inputs: the other resources, each one's region, the
// stack config (quotas), the image look-ups the run made, and the date the plan is checked on.
import type { Json, PlanResource } from "../plan/capture";
import { SECRET, UNKNOWN } from "../plan/capture";

/** A getAmi look-up the program made, and what the (mock) provider answered. */
export interface AmiLookup {
  readonly inputs: { [key: string]: Json };
  readonly answer?: { [key: string]: Json };
}

export interface PlanView {
  readonly resources: readonly PlanResource[];
  byUrn(urn: string): PlanResource | undefined;
  /** Region an AWS resource lands in: its explicit provider's, else the stack's `aws:region`. */
  regionOf(resource: PlanResource): string | undefined;
  /** Resources a property's value came from (recorded property dependencies), of one kind if given. */
  dependencies(resource: PlanResource, property: string, kind?: string): PlanResource[];
  ofKind(kind: string): PlanResource[];
  /** The stack's project config, JSON-decoded (`awsQuotas`, ...); empty when the stack file is unknown. */
  readonly projectConfig: Record<string, unknown>;
  readonly amiLookups: readonly AmiLookup[];
  readonly now: Date;
}

export interface ViewInputs {
  readonly resources: readonly PlanResource[];
  readonly projectConfig?: Record<string, unknown>;
  readonly defaultRegion?: string;
  readonly amiLookups?: readonly AmiLookup[];
  readonly now?: Date;
}

export function planView(inputs: ViewInputs): PlanView {
  const byUrn = new Map(inputs.resources.map((r) => [r.urn, r]));
  const byKind = new Map<string, PlanResource[]>();
  inputs.resources.forEach((r) => byKind.set(r.type, [...(byKind.get(r.type) ?? []), r]));
  return {
    resources: inputs.resources,
    byUrn: (urn) => byUrn.get(urn),
    regionOf: (r) => {
      const region = r.provider ? byUrn.get(r.provider)?.inputs.region : undefined;
      return typeof region === "string" && known(region) ? region : inputs.defaultRegion;
    },
    dependencies: (r, property, kind) =>
      (r.propertyDependencies[property] ?? [])
        .map((u) => byUrn.get(u))
        .filter((d): d is PlanResource => d !== undefined && (!kind || d.type === kind)),
    ofKind: (kind) => byKind.get(kind) ?? [],
    projectConfig: inputs.projectConfig ?? {},
    amiLookups: inputs.amiLookups ?? [],
    now: inputs.now ?? new Date(),
  };
}

/** A value the preview knows (not unknown, not a secret it cannot read). */
export function known(value: Json | undefined): boolean {
  return value !== undefined && value !== null && value !== UNKNOWN && value !== SECRET;
}

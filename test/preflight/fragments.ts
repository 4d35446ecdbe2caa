// Small plan fragments for the preflight's tests: resources as a plan records them.
import type { Json, PlanResource } from "../../tools/plan/capture";
import { planView, PlanView } from "../../tools/preflight/view";

export const urnOf = (type: string, name: string) => `urn:pulumi:test::callmyway-network::${type}::${name}`;

/** A registration with inputs, property dependencies (property -> resources) and an optional provider. */
export function res(
  type: string,
  name: string,
  inputs: { [key: string]: Json } = {},
  deps: Record<string, PlanResource | PlanResource[]> = {},
  provider?: PlanResource,
): PlanResource {
  const propertyDependencies = Object.fromEntries(
    Object.entries(deps).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map((r) => r.urn)]),
  );
  return {
    urn: urnOf(type, name),
    type,
    name,
    parent: null,
    dependencies: Object.values(propertyDependencies).flat(),
    propertyDependencies,
    inputs: {
      ...Object.fromEntries(
        Object.entries(deps).map(([k, v]) => [k, Array.isArray(v) ? v.map(() => "[unknown]") : "[unknown]"]),
      ),
      ...inputs,
    },
    provider: provider?.urn ?? null,
    custom: true,
  };
}

export const awsProvider = (region: string) => res("pulumi:providers:aws", region, { region });

export function view(
  resources: PlanResource[],
  extra: { awsQuotas?: Record<string, number>; now?: Date; amiLookups?: PlanView["amiLookups"] } = {},
): PlanView {
  return planView({
    resources,
    projectConfig: extra.awsQuotas ? { awsQuotas: extra.awsQuotas } : {},
    defaultRegion: "us-east-1",
    now: extra.now,
    amiLookups: extra.amiLookups,
  });
}

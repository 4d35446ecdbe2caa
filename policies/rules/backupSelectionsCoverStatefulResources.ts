import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { effectiveTags, referenced, regionOf } from "../lib/resources";
import { tierListSchema } from "../lib/rule";
import { asArray, indices, known } from "../lib/values";

const SELECTION = "aws:backup/selection:Selection";
const PLAN = "aws:backup/plan:Plan";
/** Kinds that hold data of their own (read replicas are covered by their source). */
const STATEFUL = [
  "aws:rds/instance:Instance",
  "aws:ebs/volume:Volume",
  "aws:efs/fileSystem:FileSystem",
  "aws:dynamodb/table:Table",
];
const DEFAULTS = { statefulHostTiers: ["core"] };

interface Selector {
  readonly selection: PolicyResource;
  readonly tags: [string, string][];
  readonly resources: Set<string>;
  readonly everything: boolean;
}

function selectorOf(s: PolicyResource): Selector {
  const tags = indices(known(() => s.props.selectionTags)).flatMap((i): [string, string][] => {
    const key = known(() => s.props.selectionTags[i].key);
    const value = known(() => s.props.selectionTags[i].value);
    return typeof key === "string" && typeof value === "string" ? [[key, value]] : [];
  });
  const literal = indices(known(() => s.props.resources));
  return {
    selection: s,
    tags,
    resources: new Set(referenced(s, "resources").map((r) => r.urn)),
    everything: literal.some((i) => known(() => s.props.resources[i]) === "*"),
  };
}

const selectsSomething = (s: PolicyResource) =>
  ["resources", "selectionTags", "conditions"].some(
    (k) => asArray(known(() => s.props[k])).length > 0 || Object.keys(known(() => s.props[k]) ?? {}).length > 0,
  );

/** The tags the volumes of a launch template's hosts get (AWS Backup selects volumes by their tags). */
function volumeTags(lt: PolicyResource): Record<string, string> | undefined {
  const i = indices(known(() => lt.props.tagSpecifications)).find(
    (j) => known(() => lt.props.tagSpecifications[j].resourceType) === "volume",
  );
  return i === undefined ? {} : (known(() => lt.props.tagSpecifications[i].tags) as Record<string, string>);
}

/**
 * S11/S12: backups that back up something. Every backup plan has a selection that selects resources,
 * and every stateful resource (databases, volumes, file systems, tables, and the volumes of stateful
 * tiers' hosts) is selected by a plan in its region, by tag or by reference.
 */
export const backupSelectionsCoverStatefulResources: StackValidationPolicy = {
  name: "backup-selections-cover-stateful-resources",
  description:
    "Every backup plan has a selection that selects something, and every database, volume, file system, table and stateful host's volumes " +
    "is selected by a backup plan in its region.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["ransomware", "backup"],
  configSchema: {
    properties: {
      statefulHostTiers: tierListSchema("Tiers whose host volumes hold state to back up", DEFAULTS.statefulHostTiers),
    },
  },
  validateStack: (args, reportViolation) => {
    const { statefulHostTiers } = configOf(args, DEFAULTS);
    const selections = args.resources.filter((r) => r.type === SELECTION);
    for (const plan of args.resources.filter((r) => r.type === PLAN)) {
      const own = selections.filter((s) => referenced(s, "planId", PLAN).some((p) => p.urn === plan.urn));
      if (!own.some(selectsSomething))
        reportViolation(`${plan.name}: no backup selection selects anything for this plan`, plan.urn);
    }
    const byRegion = new Map<string, Selector[]>();
    selections
      .filter(selectsSomething)
      .forEach((s) => byRegion.set(regionOf(s) ?? "", [...(byRegion.get(regionOf(s) ?? "") ?? []), selectorOf(s)]));
    const covered = (r: PolicyResource, tags: Record<string, string>) =>
      (byRegion.get(regionOf(r) ?? "") ?? []).some(
        (s) => s.everything || s.resources.has(r.urn) || (s.tags.length > 0 && s.tags.some(([k, v]) => tags[k] === v)),
      );
    for (const r of args.resources) {
      if (STATEFUL.includes(r.type)) {
        if (
          r.type === "aws:rds/instance:Instance" &&
          (r.propertyDependencies.replicateSourceDb ?? []).length + (known(() => r.props.replicateSourceDb) ? 1 : 0) > 0
        )
          continue;
        if (!covered(r, effectiveTags(r)))
          reportViolation(
            `${r.name}: stateful resource selected by no backup plan in ${regionOf(r) ?? "its region"}`,
            r.urn,
          );
      }
      if (r.type === "aws:ec2/launchTemplate:LaunchTemplate") {
        const tier = known(() => r.props.tags?.tier);
        const tags = volumeTags(r);
        if (typeof tier === "string" && statefulHostTiers.includes(tier) && tags && !covered(r, tags)) {
          reportViolation(
            `${r.name}: the volumes of ${tier} hosts are selected by no backup plan in ${regionOf(r) ?? "its region"}`,
            r.urn,
          );
        }
      }
    }
  },
};

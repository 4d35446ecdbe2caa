// The review diff against a baseline plan: what is added, removed and updated, and, since a preview
// leaves most computed inputs unknown, what the providers will REPLACE (replacing inputs, per kind) and
// what MAY CHANGE through the recorded property dependencies of what changes.
import { Json, PlanResource } from "./capture";
import { PlanDocument } from "./document";
import { registryPage, replacesWhenChanged, replacingPaths } from "./replacements";
import { SbcSiteStep, sbcSiteSteps, sbcStepProblems } from "./sbcSteps";
import { inheritedTag } from "./summary";

export interface PlanChange {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Dotted paths of the inputs that differ (arrays compared whole). */
  readonly changedInputs: string[];
  /** Of those, the ones that make the provider replace the resource. */
  readonly replacingInputs: string[];
}

/** A resource the change reaches: replaced, or possibly changed, and why. */
export interface Reached {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly site: string;
  /** The replacing inputs that changed, or the input and the resource it depends on. */
  readonly because: string;
}

export interface PlanDiff {
  readonly added: PlanResource[];
  readonly removed: PlanResource[];
  readonly changed: PlanChange[];
  readonly unchanged: number;
  /** Cloud resources `up` replaces: a replacing input changed, or depends on a replaced resource. */
  readonly replaced: Reached[];
  /** Cloud resources whose inputs depend on something that changes, though the preview cannot show a difference. */
  readonly mayChange: Reached[];
  /** SBC slots replaced per site (S5: a rollout step replaces at most one per site, drained). */
  readonly sbcSteps: SbcSiteStep[];
  /** The step check's findings, one per site that would drop calls; empty when the step is safe. */
  readonly sbcStepProblems: string[];
}

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Paths where two input trees differ, down to the leaves of nested objects. */
export function changedPaths(before: Json | undefined, after: Json | undefined, prefix = ""): string[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => changedPaths(before[k], after[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix || "(root)"];
}

const isCloudResource = (r: PlanResource) => r.custom && !r.type.startsWith("pulumi:providers:");

/** Who reads each resource's outputs: dependency URN -> (dependent, input), providers included. */
function dependents(head: PlanDocument): Map<string, { resource: PlanResource; property: string }[]> {
  const index = new Map<string, { resource: PlanResource; property: string }[]>();
  const add = (from: string, resource: PlanResource, property: string) =>
    index.set(from, [...(index.get(from) ?? []), { resource, property }]);
  head.resources.forEach((r) => {
    Object.entries(r.propertyDependencies).forEach(([property, urns]) => urns.forEach((u) => add(u, r, property)));
    if (r.provider) add(r.provider, r, "(provider)");
  });
  return index;
}

export function diffPlans(base: PlanDocument, head: PlanDocument): PlanDiff {
  const baseByUrn = new Map(base.resources.map((r) => [r.urn, r]));
  const headByUrn = new Map(head.resources.map((r) => [r.urn, r]));
  const changed: PlanChange[] = [];
  let unchanged = 0;
  head.resources.forEach((r) => {
    const before = baseByUrn.get(r.urn);
    if (!before) return;
    const paths = changedPaths(before.inputs, r.inputs);
    if (paths.length > 0)
      changed.push({
        urn: r.urn,
        type: r.type,
        name: r.name,
        changedInputs: paths,
        replacingInputs: replacingPaths(r.type, paths) ?? [],
      });
    else unchanged++;
  });

  // Walk from what changes to what reads it: a replaced dependency behind a replacing input replaces
  // the reader; anything else may change it. Each resource is visited once per state it reaches.
  const site = inheritedTag(head);
  const replaced = new Map<string, string>();
  const mayChange = new Map<string, string>();
  const queue: { urn: string; replacing: boolean }[] = [];
  changed.forEach((c) => {
    if (c.replacingInputs.length > 0) replaced.set(c.urn, c.replacingInputs.join(", "));
    queue.push({ urn: c.urn, replacing: c.replacingInputs.length > 0 });
  });
  const readers = dependents(head);
  for (let i = 0; i < queue.length; i++) {
    const { urn, replacing } = queue[i];
    const from = headByUrn.get(urn)!;
    (readers.get(urn) ?? []).forEach(({ resource, property }) => {
      if (replaced.has(resource.urn)) return;
      const because = `${property} <- ${from.name}${replacing ? " (replaced)" : ""}`;
      if (replacing && (property === "(provider)" || replacesWhenChanged(resource.type, property))) {
        replaced.set(resource.urn, because);
        mayChange.delete(resource.urn);
        queue.push({ urn: resource.urn, replacing: true });
      } else if (!mayChange.has(resource.urn)) {
        mayChange.set(resource.urn, because);
        queue.push({ urn: resource.urn, replacing: false });
      }
    });
  }
  const directlyChanged = new Set(changed.map((c) => c.urn));
  const reached = (entries: Map<string, string>, skip: (urn: string) => boolean): Reached[] =>
    [...entries.entries()]
      .map(([urn]) => headByUrn.get(urn)!)
      .filter((r) => isCloudResource(r) && !skip(r.urn))
      .map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        site: site(r, "site") ?? "global",
        because: entries.get(r.urn)!,
      }))
      .sort((a, b) => a.site.localeCompare(b.site) || a.type.localeCompare(b.type) || a.name.localeCompare(b.name));

  const sbcSteps = sbcSiteSteps([...replaced.keys()], head, base);
  return {
    sbcSteps,
    sbcStepProblems: sbcStepProblems(sbcSteps),
    added: head.resources.filter((r) => !baseByUrn.has(r.urn)),
    removed: base.resources.filter((r) => !headByUrn.has(r.urn)),
    changed,
    unchanged,
    replaced: reached(replaced, () => false),
    mayChange: reached(mayChange, (urn) => directlyChanged.has(urn)),
  };
}

const MAX_ROWS = 200;

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** Markdown for a pull-request comment: counts, then per site what is replaced and what may change, then the rest. */
export function diffMarkdown(diff: PlanDiff, stack: string): string {
  const updated = diff.changed.filter((c) => c.replacingInputs.length === 0);
  const lines = [
    `### Offline plan diff: \`${stack}\``,
    "",
    `**${diff.replaced.length} to replace, ${updated.length} to update in place, ${diff.mayChange.length} may change, ${diff.added.length} to add, ${diff.removed.length} to remove** (${diff.unchanged} unchanged)`,
  ];
  if (diff.sbcStepProblems.length > 0) {
    lines.push(
      "",
      "#### SBC step check: this change drops calls",
      "",
      ...diff.sbcStepProblems.map((p) => `- **${p}**`),
      "",
      "Drain the slot first (`voice.drained`), then move it alone (`voice.rollout.moving`); docs/ARCHITECTURE.md, Replacing an SBC.",
    );
  } else if (diff.sbcSteps.length > 0) {
    lines.push(
      "",
      `SBC step check: ${diff.sbcSteps.map((s) => `${s.site} replaces slot ${s.replacedSlots.join(", ")}, drained`).join("; ")}.`,
    );
  }
  const table = (title: string, header: string, rows: string[]) => {
    if (rows.length === 0) return;
    lines.push("", `#### ${title}`, "", header, header.replace(/[^|]+/g, " --- "));
    rows.slice(0, MAX_ROWS).forEach((row) => lines.push(row));
    if (rows.length > MAX_ROWS) lines.push("", `... and ${rows.length - MAX_ROWS} more`);
  };
  const sites = [...new Set([...diff.replaced, ...diff.mayChange].map((r) => r.site))].sort();
  if (sites.length > 0) {
    lines.push(
      "",
      "What `pulumi up` replaces (an input the provider cannot change in place) and what may change (it reads a value that changes, unknown to a preview):",
    );
  }
  sites.forEach((s) => {
    const replaced = diff.replaced.filter((r) => r.site === s);
    const may = diff.mayChange.filter((r) => r.site === s);
    const row = (verdict: string, r: Reached) =>
      `| ${verdict} | [\`${r.type}\`](${registryPage(r.type)}) | ${escapeCell(r.name)} | \`${escapeCell(r.because)}\` |`;
    table(`Site ${s}: ${replaced.length} to replace, ${may.length} may change`, "| | type | name | because |", [
      ...replaced.map((r) => row("**replace**", r)),
      ...may.map((r) => row("may change", r)),
    ]);
  });
  table(
    "Added",
    "| type | name |",
    diff.added.map((r) => `| \`${r.type}\` | ${escapeCell(r.name)} |`),
  );
  table(
    "Updated in place",
    "| type | name | changed inputs |",
    updated.map(
      (c) =>
        `| \`${c.type}\` | ${escapeCell(c.name)} | ${c.changedInputs.map((p) => `\`${escapeCell(p)}\``).join(", ")} |`,
    ),
  );
  table(
    "Removed",
    "| type | name |",
    diff.removed.map((r) => `| \`${r.type}\` | ${escapeCell(r.name)} |`),
  );
  if (diff.added.length + diff.changed.length + diff.removed.length === 0) lines.push("", "No changes.");
  return lines.join("\n") + "\n";
}

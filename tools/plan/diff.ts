import { Json, PlanResource } from "./capture";
import { PlanDocument } from "./document";

export interface PlanChange {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Dotted paths of the inputs that differ (arrays compared whole). */
  readonly changedInputs: string[];
}

export interface PlanDiff {
  readonly added: PlanResource[];
  readonly removed: PlanResource[];
  readonly changed: PlanChange[];
  readonly unchanged: number;
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

export function diffPlans(base: PlanDocument, head: PlanDocument): PlanDiff {
  const baseByUrn = new Map(base.resources.map((r) => [r.urn, r]));
  const headByUrn = new Map(head.resources.map((r) => [r.urn, r]));
  const changed: PlanChange[] = [];
  let unchanged = 0;
  head.resources.forEach((r) => {
    const before = baseByUrn.get(r.urn);
    if (!before) return;
    const paths = changedPaths(before.inputs, r.inputs);
    if (paths.length > 0) changed.push({ urn: r.urn, type: r.type, name: r.name, changedInputs: paths });
    else unchanged++;
  });
  return {
    added: head.resources.filter((r) => !baseByUrn.has(r.urn)),
    removed: base.resources.filter((r) => !headByUrn.has(r.urn)),
    changed,
    unchanged,
  };
}

const MAX_ROWS = 200;

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** Markdown for a pull-request comment: counts, then one table per kind of change. */
export function diffMarkdown(diff: PlanDiff, stack: string): string {
  const lines = [
    `### Offline plan diff: \`${stack}\``,
    "",
    `**${diff.added.length} to add, ${diff.changed.length} to change, ${diff.removed.length} to remove** (${diff.unchanged} unchanged)`,
  ];
  const table = (title: string, header: string, rows: string[]) => {
    if (rows.length === 0) return;
    lines.push("", `#### ${title}`, "", header, header.replace(/[^|]+/g, " --- "));
    rows.slice(0, MAX_ROWS).forEach((row) => lines.push(row));
    if (rows.length > MAX_ROWS) lines.push("", `... and ${rows.length - MAX_ROWS} more`);
  };
  table("Added", "| type | name |", diff.added.map((r) => `| \`${r.type}\` | ${escapeCell(r.name)} |`));
  table(
    "Changed",
    "| type | name | changed inputs |",
    diff.changed.map((c) => `| \`${c.type}\` | ${escapeCell(c.name)} | ${c.changedInputs.map((p) => `\`${escapeCell(p)}\``).join(", ")} |`),
  );
  table("Removed", "| type | name |", diff.removed.map((r) => `| \`${r.type}\` | ${escapeCell(r.name)} |`));
  if (diff.added.length + diff.changed.length + diff.removed.length === 0) lines.push("", "No changes.");
  return lines.join("\n") + "\n";
}

import { PlanDocument } from "./document";
import { PlanResource } from "./capture";

function ownTag(r: PlanResource, key: string): string | undefined {
  const tags = r.inputs.tags;
  return tags && typeof tags === "object" && !Array.isArray(tags) && typeof tags[key] === "string"
    ? (tags[key] as string)
    : undefined;
}

/** A resource's tag, or its nearest tagged ancestor's: routes and ACL rules cannot carry tags. */
export function inheritedTag(plan: PlanDocument): (r: PlanResource, key: string) => string | undefined {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  return (r, key) => {
    for (let cur: PlanResource | undefined = r; cur; cur = cur.parent ? byUrn.get(cur.parent) : undefined) {
      const value = ownTag(cur, key);
      if (value !== undefined) return value;
    }
    return undefined;
  };
}

function countBy<T>(items: T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  items.forEach((i) => counts.set(key(i), (counts.get(key(i)) ?? 0) + 1));
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** A short human summary: totals, resources by type, and a site x tier table of tagged resources. */
export function summarize(plan: PlanDocument): string {
  const custom = plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
  const lines = [
    `Plan for stack ${plan.stack}: ${plan.resources.length} registrations, ${custom.length} cloud resources`,
    "",
    "By type:",
  ];
  countBy(custom, (r) => r.type).forEach(([type, n]) => lines.push(`  ${String(n).padStart(5)}  ${type}`));

  const tag = inheritedTag(plan);
  const tagged = custom.filter((r) => tag(r, "site"));
  const sites = [...new Set(tagged.map((r) => tag(r, "site")!))].sort();
  const tiers = [...new Set(tagged.map((r) => tag(r, "tier") ?? "-"))].sort();
  const cell = (site: string, tier: string) =>
    tagged.filter((r) => tag(r, "site") === site && (tag(r, "tier") ?? "-") === tier).length;
  lines.push(
    "",
    "By site and tier (own or inherited tags):",
    `  ${"site".padEnd(10)}${tiers.map((t) => t.padStart(9)).join("")}`,
  );
  sites.forEach((s) => lines.push(`  ${s.padEnd(10)}${tiers.map((t) => String(cell(s, t)).padStart(9)).join("")}`));
  const untagged = custom.length - tagged.length;
  if (untagged > 0) lines.push(`  (${untagged} resources without a site tag: global or untaggable kinds)`);
  return lines.join("\n");
}

// The benchmark's results: one row per case, the super-linear kinds, the critical paths.
import { CriticalPath, formatDuration } from "./deployTime";
import { KindGrowth } from "./growth";
import { Measurement } from "./measure";
import { EnvironmentResult, formatEnvironments } from "./stacks";
import { type EnvironmentPlanResult, formatEnvironmentPlans } from "./environmentPlanCase";
import { SyntheticShape } from "./syntheticNetwork";

export interface CaseResult {
  /** "prod", "staging", or "synthetic-32". */
  readonly name: string;
  /** Synthetic cases only: how many of each scaling element the network has. */
  readonly shape?: SyntheticShape;
  readonly plan: Measurement;
  readonly floor: Measurement;
  /** The plan's own cloud resources, replayed flat with no program logic (tools/bench/floor.ts). */
  readonly replay: Measurement;
  /** Real stacks only: `npm run plan -- --check` of the saved plan (policy config and every policy). */
  readonly check?: Measurement;
  /** plan.cpuMs / floor.cpuMs (CPU time is steadier than wall time on a shared machine). */
  readonly planFloorRatio: number;
  /** plan.wallMs / floor.wallMs */
  readonly planFloorWallRatio: number;
  /** plan.cpuMs / replay.cpuMs: what the program's logic and structure cost on top of its resources. */
  readonly planReplayRatio: number;
}

export interface BenchReport {
  readonly date: string;
  readonly machine: { readonly cpus: number; readonly node: string; readonly platform: string };
  /** 1-minute load average before and after the run: above the CPU count, other work competed for the CPUs. */
  readonly loadAverage: { readonly before: number; readonly after: number };
  readonly repeat: number;
  readonly cases: CaseResult[];
  /** Synthetic environments split into stacks (issue 14): one per size. */
  readonly environments: EnvironmentResult[];
  /** Whole environments' offline plans (issue 11's figure since an environment is a set of stacks). */
  readonly environmentPlans: EnvironmentPlanResult[];
  readonly superLinear: KindGrowth[];
}

const pad = (text: string, width: number) => text.padStart(width);
const fixed = (n: number, digits = 0) => n.toFixed(digits);

export function formatTable(report: BenchReport): string {
  const header = ["case", "sites", "DCs", "resources", "wall ms", "CPU ms", "CPU ms/res", "peak MB", "floor wall", "floor CPU", "floor MB", "plan/floor CPU", "(wall)", "replay CPU", "plan/replay CPU", "check CPU", "critical path"];
  const rows = report.cases.map((c) => [
    c.name,
    c.shape ? String(c.shape.sites) : "-",
    c.shape ? String(c.shape.dataCentres) : "-",
    String(c.plan.resources),
    fixed(c.plan.wallMs),
    fixed(c.plan.cpuMs),
    fixed(c.plan.cpuMs / c.plan.resources, 2),
    fixed(c.plan.peakRssMb),
    fixed(c.floor.wallMs),
    fixed(c.floor.cpuMs),
    fixed(c.floor.peakRssMb),
    fixed(c.planFloorRatio, 2),
    fixed(c.planFloorWallRatio, 2),
    fixed(c.replay.cpuMs),
    fixed(c.planReplayRatio, 2),
    c.check ? fixed(c.check.cpuMs) : "-",
    c.plan.criticalPath ? formatDuration(c.plan.criticalPath.totalSeconds) : "-",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : pad(cell, widths[i]))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function formatSuperLinear(report: BenchReport): string {
  const sizes = report.environments.map((e) => e.sites);
  if (sizes.length < 2) return "Super-linear kinds: needs at least two synthetic sizes.";
  if (report.superLinear.length === 0) return `No resource kind grows faster than linearly with the sites (sizes ${sizes.join(", ")}).`;
  return [
    `Resource kinds growing faster than linearly with the sites, over every stack of each environment (count at ${sizes.join(" / ")} sites; exponent between the two largest sizes, 1 = linear, 2 = full mesh):`,
    ...report.superLinear.map((k) => `  ${k.exponent.toFixed(2).padStart(5)}  ${k.counts.join(" / ").padEnd(24)} ${k.type}`),
  ].join("\n");
}

export function formatCriticalPath(name: string, path: CriticalPath): string {
  const chain = path.chain.map((l) => `    +${formatDuration(l.seconds).padStart(8)}  ready at ${formatDuration(l.readyAt).padStart(8)}  ${l.kind}: ${l.name} (${l.type})`);
  return [
    `  ${name}: ${formatDuration(path.totalSeconds)} typical (${formatDuration(path.lowSeconds)} - ${formatDuration(path.highSeconds)} along the same chain)`,
    ...chain,
  ].join("\n");
}

/** The preflight's share of each real stack's plan: at most 10% on top of the plan without it (issue 12). */
export function formatPreflightShare(report: BenchReport): string[] {
  return report.cases
    .filter((c) => !c.shape && c.plan.preflightCpuMs !== undefined)
    .map((c) => {
      const without = c.plan.cpuMs - c.plan.preflightCpuMs!;
      const percent = (100 * c.plan.preflightCpuMs!) / without;
      return `  ${c.name}: preflight ${fixed(c.plan.preflightCpuMs!)} ms CPU, ${percent.toFixed(1)}% on top of the plan without it (${fixed(without)} ms; limit 10%)${percent > 10 ? " ABOVE THE LIMIT" : ""}`;
    });
}

export function formatReport(report: BenchReport): string {
  return [
    `Offline plan benchmark, ${report.date}, ${report.machine.cpus} CPUs, node ${report.machine.node}, ` +
      `load average ${report.loadAverage.before.toFixed(1)} -> ${report.loadAverage.after.toFixed(1)}` +
      (report.repeat > 1 ? `, best of ${report.repeat} runs per cell` : ""),
    "",
    formatEnvironmentPlans(report.environmentPlans),
    "",
    "Each case plans the environment's own stack, which since issue 14 holds only its shared part (whole",
    "environments are above, and their stacks one by one below):",
    formatTable(report),
    "",
    formatEnvironments(report.environments),
    "",
    formatSuperLinear(report),
    "",
    "Preflight (tools/preflight) inside the plan:",
    ...formatPreflightShare(report),
    "",
    "Critical path of a fresh `pulumi up` of each case's stack (unlimited parallelism; typical creation times, see tools/bench/creationTimes.ts):",
    ...report.cases.filter((c) => c.plan.criticalPath).map((c) => formatCriticalPath(c.name, c.plan.criticalPath!)),
  ].join("\n");
}

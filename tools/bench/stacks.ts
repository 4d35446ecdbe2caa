// The benchmark's figures for an environment split into stacks (issue 14): registrations per stack
// and per kind of stack, the planning of a one-site change, and a first deploy with one CI job per
// stack. Pure: measure.ts runs the stacks, this file only sums and formats what they gave.
import { formatDuration } from "./deployTime";
import type { StackPart } from "../../lib/stacks/layout";

/** What one stack of an environment registered and how long its first `up` would take. */
export interface StackFigure {
  readonly name: string;
  readonly kind: StackPart["kind"];
  /** Its dependency level (lib/stacks/layout.ts deployLevels). */
  readonly level: number;
  /** Resources registered by its preview under the mocks (stack, providers and components included). */
  readonly resources: number;
  /** First `up` of its plan at the runner's default parallelism (deployTime.ts deploySeconds). */
  readonly deploySeconds: number;
  /** The same with unlimited parallelism (its critical path). */
  readonly unlimitedSeconds: number;
}

export interface KindRegistrations {
  readonly kind: StackPart["kind"];
  readonly stacks: number;
  /** The largest stack of the kind. */
  readonly largest: number;
  readonly largestName: string;
}

export interface Registrations {
  readonly byKind: KindRegistrations[];
  readonly largest: { readonly name: string; readonly resources: number };
  readonly total: number;
  readonly stacks: number;
}

const KIND_ORDER: readonly StackPart["kind"][] = ["shared", "site", "mesh", "dns"];

/** Registrations of the largest stack overall and of each kind (in layout order), and the total. */
export function registrationsOf(figures: readonly StackFigure[]): Registrations {
  if (figures.length === 0) throw new Error("an environment has at least one stack");
  const largestOf = (list: readonly StackFigure[]) => list.reduce((a, b) => (b.resources > a.resources ? b : a));
  const byKind = KIND_ORDER.flatMap((kind) => {
    const ofKind = figures.filter((f) => f.kind === kind);
    if (ofKind.length === 0) return [];
    const largest = largestOf(ofKind);
    return [{ kind, stacks: ofKind.length, largest: largest.resources, largestName: largest.name }];
  });
  const largest = largestOf(figures);
  return {
    byKind,
    largest: { name: largest.name, resources: largest.resources },
    total: figures.reduce((sum, f) => sum + f.resources, 0),
    stacks: figures.length,
  };
}

export interface LevelEstimate {
  readonly level: number;
  readonly stacks: number;
  /** The slowest stack of the level: the next level's jobs wait for it. */
  readonly slowest: string;
  readonly seconds: number;
}

/**
 * A first deploy with one CI job per stack: the jobs of a level run in parallel, the levels one after
 * another, so the environment takes the sum over levels of the slowest stack of each.
 */
export function levelwiseEstimate(
  levels: readonly (readonly string[])[],
  secondsOf: Readonly<Record<string, number>>,
): { readonly totalSeconds: number; readonly levels: LevelEstimate[] } {
  const perLevel = levels.map((names, level) => {
    if (names.length === 0) throw new Error(`level ${level} has no stack`);
    const seconds = (name: string) => {
      const s = secondsOf[name];
      if (s === undefined) throw new Error(`no deploy estimate for stack ${name}`);
      return s;
    };
    const slowest = names.reduce((a, b) => (seconds(b) > seconds(a) ? b : a));
    return { level, stacks: names.length, slowest, seconds: seconds(slowest) };
  });
  return { totalSeconds: perLevel.reduce((sum, l) => sum + l.seconds, 0), levels: perLevel };
}

/** The first site's change the benchmark decides on (environmentRun.ts): DNS reads its SBCs, the other sites do not. */
export const FIRST_SITE_CHANGE = "its SBC pool one smaller";

export interface StackTiming {
  readonly name: string;
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Wall and CPU time of the previews of a change's stacks, one after another in one fresh process. */
export interface ChangeTiming {
  readonly wallMs: number;
  readonly cpuMs: number;
  /** Each stack's preview (the first pays the program's load, as a CI job's would). */
  readonly perStack: StackTiming[];
}

/** Planning a change to one site: its stack and the stacks that read it, each planned once. */
export interface ChangePlan extends ChangeTiming {
  readonly changed: string;
  /** The changed stack, then its readers (lib/stacks/layout.ts readersOf), in deploy order. */
  readonly planned: string[];
  /** The first site's stack has every other site among its readers (the web certificates' records). */
  readonly firstSiteReaders: number;
  /**
   * The readers a change to the first site (environmentRun.ts FIRST_SITE_CHANGE) re-plans: those whose
   * config or read outputs it changes. Before reads were recorded, every reader was.
   */
  readonly firstSiteReplanned: string[];
}

/** One synthetic environment's stack figures. */
export interface EnvironmentResult {
  readonly sites: number;
  readonly parallelism: number;
  readonly runnerCpus: number;
  readonly stacks: StackFigure[];
  readonly levels: string[][];
  readonly change: ChangePlan;
  /** Resources of each type over every stack (the growth detector's input). */
  readonly countsByType: Record<string, number>;
  /** The whole environment as one graph (one job, one engine) at the same parallelism, and unlimited. */
  readonly oneGraph: { readonly seconds: number; readonly unlimitedSeconds: number };
}

const cell = (text: string | number, width: number) => String(text).padStart(width);

/** The table of registrations, one row per size. */
export function formatRegistrations(results: readonly EnvironmentResult[]): string {
  const header = ["sites", "stacks", "largest stack", "shared", "site (largest)", "mesh", "dns", "total"];
  const rows = results.map((r) => {
    const reg = registrationsOf(r.stacks);
    const of = (kind: StackPart["kind"]) => reg.byKind.find((k) => k.kind === kind)?.largest ?? "-";
    return [r.sites, reg.stacks, `${reg.largest.resources} (${reg.largest.name})`, of("shared"), of("site"), of("mesh"), of("dns"), reg.total].map(String);
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => cell(c, widths[i])).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function formatChangePlans(results: readonly EnvironmentResult[]): string[] {
  return results.map(
    (r) =>
      `  ${String(r.sites).padStart(2)} sites: ${r.change.changed} + ${r.change.planned.length - 1} readers ` +
      `(${r.change.planned.slice(1).join(", ")}): ${r.change.wallMs.toFixed(0)} ms wall, ${r.change.cpuMs.toFixed(0)} ms CPU` +
      ` [${r.change.perStack.map((t) => `${t.name} ${t.cpuMs.toFixed(0)}`).join(", ")} ms CPU]` +
      ` (a change to the first site, ${FIRST_SITE_CHANGE}, re-plans ${r.change.firstSiteReplanned.length} of its` +
      ` ${r.change.firstSiteReaders} readers${r.change.firstSiteReplanned.length > 0 ? ` (${r.change.firstSiteReplanned.join(", ")})` : ""};` +
      ` all ${r.change.firstSiteReaders} when any output re-planned them)`,
  );
}

export function formatDeployEstimates(results: readonly EnvironmentResult[]): string[] {
  return results.flatMap((r) => {
    const secondsOf = Object.fromEntries(r.stacks.map((s) => [s.name, s.deploySeconds]));
    const estimate = levelwiseEstimate(r.levels, secondsOf);
    return [
      `  ${String(r.sites).padStart(2)} sites: per-stack jobs ${formatDuration(estimate.totalSeconds)}` +
        ` | one graph ${formatDuration(r.oneGraph.seconds)}` +
        ` (unlimited parallelism: ${formatDuration(r.oneGraph.unlimitedSeconds)})`,
      ...estimate.levels.map(
        (l) => `      level ${l.level}: ${l.stacks} stack(s), slowest ${l.slowest} ${formatDuration(l.seconds)}`,
      ),
    ];
  });
}

export function formatEnvironments(results: readonly EnvironmentResult[]): string {
  if (results.length === 0) return "";
  const { parallelism, runnerCpus } = results[0];
  return [
    "Stacks per environment (synthetic environments; every stack previewed under the mocks):",
    formatRegistrations(results),
    "",
    "Planning a one-site change: previews of the last site's stack and of the stacks that read it, one after another in a",
    "fresh process, upstream outputs given from the applied state (upstreams not re-planned; no policy pack or preflight):",
    ...formatChangePlans(results),
    "",
    `First deploy, one CI job per stack on a ${runnerCpus}-CPU runner at Pulumi's default --parallel ${parallelism}` +
      " (4 x CPUs); levels in sequence, the stacks of a level in parallel. One graph = the whole environment as" +
      ` one stack at the same --parallel ${parallelism}, each stack's resources waiting for all of the stacks it reads:`,
    ...formatDeployEstimates(results),
  ].join("\n");
}

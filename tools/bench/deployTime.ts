// The shortest possible `pulumi up` of a fresh stack: the longest chain of creations in the plan's
// dependency graph, assuming unlimited parallelism (Pulumi's default `--parallel` is unbounded).
import { CreationTime, TimedResource, creationTimeOf, typicalSeconds } from "./creationTimes";

/** What the estimate reads from a plan resource. */
export interface GraphResource extends TimedResource {
  readonly urn: string;
  readonly name: string;
  /** A child is created after its parent (the SDK resolves the parent's URN when its create returns). */
  readonly parent: string | null;
  readonly dependencies: readonly string[];
  readonly provider?: string | null;
}

export interface ChainLink {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly kind: string;
  readonly seconds: number;
  /** Seconds after the start of the deployment when this resource is ready. */
  readonly readyAt: number;
}

export interface CriticalPath {
  /** Typical duration of the longest chain, in seconds. */
  readonly totalSeconds: number;
  /** The same chain at the low and high ends of each resource's range. */
  readonly lowSeconds: number;
  readonly highSeconds: number;
  /** Resources of the chain that take time, first created first. */
  readonly chain: ChainLink[];
}

/**
 * Longest weighted path: a resource is ready `seconds` after the latest of its parent, its provider
 * and its dependencies is ready. URNs outside the plan (none in practice) are ignored.
 */
export function criticalPath(
  resources: readonly GraphResource[],
  timeOf: (r: GraphResource) => CreationTime = (r) => creationTimeOf(r),
): CriticalPath {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const ready = new Map<string, { at: number; via: string | undefined }>();
  const visiting = new Set<string>();

  const predecessors = (r: GraphResource) =>
    [...new Set([...(r.parent ? [r.parent] : []), ...(r.provider ? [r.provider] : []), ...r.dependencies])].filter((u) => byUrn.has(u));

  // Iterative depth-first walk: deep chains cannot overflow the stack.
  const readyAt = (start: string): number => {
    const stack: string[] = [start];
    while (stack.length > 0) {
      const urn = stack[stack.length - 1];
      if (ready.has(urn)) {
        stack.pop();
        continue;
      }
      const r = byUrn.get(urn)!;
      const pending = predecessors(r).filter((p) => !ready.has(p));
      if (pending.length > 0 && !visiting.has(urn)) {
        visiting.add(urn);
        pending.forEach((p) => {
          if (visiting.has(p)) throw new Error(`dependency cycle through ${p}`);
          stack.push(p);
        });
        continue;
      }
      if (pending.length > 0) throw new Error(`dependency cycle through ${urn}`);
      let latest: { at: number; via: string | undefined } = { at: 0, via: undefined };
      predecessors(r).forEach((p) => {
        const at = ready.get(p)!.at;
        if (at > latest.at || (at === latest.at && latest.via === undefined)) latest = { at, via: p };
      });
      ready.set(urn, { at: latest.at + typicalSeconds(timeOf(r)), via: latest.via });
      visiting.delete(urn);
      stack.pop();
    }
    return ready.get(start)!.at;
  };

  let end: string | undefined;
  resources.forEach((r) => {
    const at = readyAt(r.urn);
    if (end === undefined || at > ready.get(end)!.at) end = r.urn;
  });
  if (end === undefined) return { totalSeconds: 0, lowSeconds: 0, highSeconds: 0, chain: [] };

  const chain: ChainLink[] = [];
  for (let urn: string | undefined = end; urn !== undefined; urn = ready.get(urn)!.via) {
    const r = byUrn.get(urn)!;
    const entry = timeOf(r);
    const seconds = typicalSeconds(entry);
    if (seconds > 0) chain.unshift({ urn, type: r.type, name: r.name, kind: entry.kind, seconds, readyAt: ready.get(urn)!.at });
  }
  const sum = (pick: (e: CreationTime) => number) =>
    chain.reduce((total, link) => total + pick(timeOf(byUrn.get(link.urn)!)), 0);
  return { totalSeconds: ready.get(end)!.at, lowSeconds: sum((e) => e.lowSeconds), highSeconds: sum((e) => e.highSeconds), chain };
}

/** "1h 02m 05s" / "7m 30s" / "45s". */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, "0")}m ${String(rest).padStart(2, "0")}s`;
  if (m > 0) return `${m}m ${String(rest).padStart(2, "0")}s`;
  return `${rest}s`;
}

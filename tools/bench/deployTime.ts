// How long a first `pulumi up` of a fresh stack takes: the longest chain of creations in the plan's
// dependency graph (unlimited parallelism, the lower bound), and a simulation of the engine at a
// bounded `--parallel` (its default since pulumi/pulumi#15016 is 4 x CPUs, see parallelism below).
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

/**
 * Pulumi's default `--parallel`: 4 x the CPUs of the machine running the engine. pulumi/pulumi#15016
 * ("Set a default limit for --parallel", merged 2024-01-02, fixing #14989) replaced the unbounded
 * default (#2065, 2018) with `4 * runtime.NumCPU()`; its review asks the help text to say
 * "Defaults to 4 * number of CPUs".
 */
export const PULUMI_PARALLEL_PER_CPU = 4;

export function pulumiDefaultParallelism(cpus: number): number {
  if (!Number.isInteger(cpus) || cpus < 1) throw new Error(`a runner has a whole number of CPUs; got ${cpus}`);
  return PULUMI_PARALLEL_PER_CPU * cpus;
}

/** CPUs of the CI runner each stack's job runs on (issue 14 sizes the per-stack jobs on 2-CPU runners). */
export const RUNNER_CPUS = 2;

/** A binary min-heap of numbers by a key: the simulation's ready and running sets stay cheap at 20 000 resources. */
class MinHeap {
  private readonly items: number[] = [];
  constructor(private readonly key: (item: number) => number) {}
  get size(): number {
    return this.items.length;
  }
  peek(): number {
    return this.items[0];
  }
  push(item: number): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (this.key(a[up]) <= this.key(a[i])) break;
      [a[up], a[i]] = [a[i], a[up]];
      i = up;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.key(a[l]) < this.key(a[m])) m = l;
        if (r < a.length && this.key(a[r]) < this.key(a[m])) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * A first `up` of the plan at `parallelism` operations at once: a resource starts when its parent,
 * provider and dependencies are ready and a slot is free (ready resources start in plan order), and
 * holds its slot for its typical creation time. Components and providers take no time and no slot
 * (engine bookkeeping). With unlimited parallelism this is `criticalPath`'s total.
 */
export function deploySeconds(
  resources: readonly GraphResource[],
  parallelism: number,
  timeOf: (r: GraphResource) => CreationTime = (r) => creationTimeOf(r),
): number {
  if (!(parallelism >= 1)) throw new Error(`parallelism must be at least 1; got ${parallelism}`);
  const index = new Map(resources.map((r, i) => [r.urn, i]));
  const waitingOn = resources.map(() => 0);
  const successors: number[][] = resources.map(() => []);
  resources.forEach((r, i) => {
    const preds = new Set([...(r.parent ? [r.parent] : []), ...(r.provider ? [r.provider] : []), ...r.dependencies]);
    preds.forEach((urn) => {
      const p = index.get(urn);
      if (p === undefined || p === i) return;
      waitingOn[i]++;
      successors[p].push(i);
    });
  });
  const seconds = resources.map((r) => typicalSeconds(timeOf(r)));
  const until = resources.map(() => 0);
  const ready = new MinHeap((i) => i);
  const running = new MinHeap((i) => until[i]);
  const instant: number[] = [];
  let now = 0;
  let done = 0;
  const release = (i: number) => (seconds[i] === 0 ? instant.push(i) : ready.push(i));
  const finish = (i: number) => {
    done++;
    successors[i].forEach((s) => --waitingOn[s] === 0 && release(s));
  };
  resources.forEach((_, i) => waitingOn[i] === 0 && release(i));
  for (;;) {
    while (instant.length > 0) finish(instant.pop()!);
    while (running.size < parallelism && ready.size > 0) {
      const i = ready.pop();
      until[i] = now + seconds[i];
      running.push(i);
    }
    if (running.size === 0) break;
    now = until[running.peek()];
    while (running.size > 0 && until[running.peek()] === now) finish(running.pop());
  }
  if (done < resources.length) throw new Error("dependency cycle: resources wait on each other");
  return now;
}

// Which resource kinds grow faster than the number of sites.

/** Count of one resource kind in a network of `sites` AWS sites. */
export interface SizePoint {
  readonly sites: number;
  readonly count: number;
}

/**
 * Growth exponent between the two largest sizes where the kind exists: log(c2/c1) / log(n2/n1).
 * 1 is linear (count(32)/count(8) = 32/8), 2 quadratic (a full mesh), 0 constant. Undefined when
 * the kind exists at fewer than two sizes.
 */
export function growthExponent(points: readonly SizePoint[]): number | undefined {
  const present = points.filter((p) => p.count > 0 && p.sites > 0).sort((a, b) => a.sites - b.sites);
  if (present.length < 2) return undefined;
  const [a, b] = present.slice(-2);
  if (a.sites === b.sites) return undefined;
  return Math.log(b.count / a.count) / Math.log(b.sites / a.sites);
}

/** Above this exponent a kind counts as super-linear; an affine count such as n - 1 stays below it. */
export const SUPER_LINEAR_EXPONENT = 1.15;

export function isSuperLinear(points: readonly SizePoint[], threshold = SUPER_LINEAR_EXPONENT): boolean {
  const exponent = growthExponent(points);
  return exponent !== undefined && exponent > threshold;
}

export interface KindGrowth {
  readonly type: string;
  /** Count per size, in the order of `sites`. */
  readonly counts: number[];
  readonly exponent: number;
}

/** The kinds whose count grows faster than linearly with the sites, steepest first. */
export function superLinearKinds(
  sizes: readonly { sites: number; countsByType: Record<string, number> }[],
  threshold = SUPER_LINEAR_EXPONENT,
): KindGrowth[] {
  const types = [...new Set(sizes.flatMap((s) => Object.keys(s.countsByType)))].sort();
  return types
    .map((type) => {
      const points = sizes.map((s) => ({ sites: s.sites, count: s.countsByType[type] ?? 0 }));
      return { type, counts: points.map((p) => p.count), exponent: growthExponent(points) };
    })
    .filter((k): k is KindGrowth => k.exponent !== undefined && k.exponent > threshold)
    .sort((a, b) => b.exponent - a.exponent || a.type.localeCompare(b.type));
}

/** Resources of each type token in a plan. */
export function countByType(resources: readonly { type: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  resources.forEach((r) => (counts[r.type] = (counts[r.type] ?? 0) + 1));
  return counts;
}

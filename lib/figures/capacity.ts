// Capacity after a failure (S6, §4): peak load per host when any one site or any one AZ is lost.
import type { AwsSiteConfig, NetworkConfig } from "../../config/schema";

export type PoolTier = "sbc" | "web" | "core";
export const POOL_TIERS: readonly PoolTier[] = ["sbc", "web", "core"];

/**
 * How a lost site's traffic reaches the survivors:
 * - `perHost`: spread over every surviving host alike (SIP SRV records with equal weight per SBC;
 *   the core follows the calls the SBCs carry);
 * - `perSite`: split equally between surviving sites whatever their size (Cloudflare pools with
 *   equal weights, `random` steering), so a small site takes as much as a big one.
 */
export type Spread = "perHost" | "perSite";
export const SPREAD: Record<PoolTier, Spread> = { sbc: "perHost", web: "perSite", core: "perHost" };

/** One failure and the worst load it leaves on a surviving host of the pool. */
export interface LoadCase {
  /** What was lost, e.g. `site use1` or `one AZ of use1`. */
  readonly lost: string;
  /** The surviving site whose hosts carry the most. */
  readonly worstSite: string | null;
  /** Peak load per host right after the failure, before any scale-out; null when no host survives. */
  readonly loadPercent: number | null;
  /** Same load once the survivors' groups have grown to their max (fixed-count SBC pools: unchanged). */
  readonly afterScaleOutPercent: number | null;
  /** True when the load exceeds the promised ceiling (or nothing survives). */
  readonly aboveLimit: boolean;
}

export interface PoolCapacity {
  readonly tier: PoolTier;
  readonly spread: Spread;
  readonly designLoadPercent: number;
  readonly limitPercent: number;
  readonly siteLoss: LoadCase[];
  readonly azLoss: LoadCase[];
  /** The worst of all cases (the one to read first). */
  readonly worst: LoadCase;
}

/** Hosts at peak before a failure: the fixed SBC count, the group's minimum for scaling pools. */
export function hostsAtPeak(site: AwsSiteConfig, tier: PoolTier): number {
  return tier === "sbc" ? site.pools.sbc.count : site.pools[tier].min;
}

function hostsAtMax(site: AwsSiteConfig, tier: PoolTier): number {
  return tier === "sbc" ? site.pools.sbc.count : site.pools[tier].max;
}

/** Hosts spread evenly (round-robin) over the AZs: the fullest AZ holds ceil(hosts / AZs). */
export function hostsInFullestAz(hosts: number, azCount: number): number {
  return Math.ceil(hosts / azCount);
}

const round = (n: number) => Math.round(n * 10) / 10;

function loadCase(
  lost: string,
  survivors: { site: string; work: number; hosts: number; maxHosts: number }[],
  limit: number,
): LoadCase {
  const loads = survivors.map((s) => ({
    site: s.site,
    now: s.hosts > 0 ? s.work / s.hosts : null,
    later: s.maxHosts > 0 ? s.work / s.maxHosts : null,
  }));
  if (loads.length === 0 || loads.some((l) => l.now === null)) {
    const dead = loads.find((l) => l.now === null);
    return { lost, worstSite: dead?.site ?? null, loadPercent: null, afterScaleOutPercent: null, aboveLimit: true };
  }
  const worst = loads.reduce((a, b) => (b.now! > a.now! ? b : a));
  const load = round(worst.now!);
  return {
    lost,
    worstSite: worst.site,
    loadPercent: load,
    afterScaleOutPercent: round(worst.later!),
    aboveLimit: load > limit,
  };
}

function siteLoss(sites: AwsSiteConfig[], tier: PoolTier, design: number, limit: number): LoadCase[] {
  return sites.map((lost) => {
    const survivors = sites.filter((s) => s !== lost);
    const lostWork = design * hostsAtPeak(lost, tier);
    const survivorHosts = survivors.reduce((n, s) => n + hostsAtPeak(s, tier), 0);
    return loadCase(
      `site ${lost.name}`,
      survivors.map((s) => {
        const hosts = hostsAtPeak(s, tier);
        const extra = SPREAD[tier] === "perSite" ? lostWork / survivors.length : (lostWork * hosts) / survivorHosts;
        return { site: s.name, work: design * hosts + extra, hosts, maxHosts: hostsAtMax(s, tier) };
      }),
      limit,
    );
  });
}

// Inside a site the load balancer (web, core) and the site's other SBCs take over: the lost AZ's
// share stays in the site. SRV clients would in fact spread SBC traffic over every site, so this
// overstates the SBC case, on purpose.
function azLoss(sites: AwsSiteConfig[], tier: PoolTier, design: number, limit: number): LoadCase[] {
  return sites.map((site) => {
    const hosts = hostsAtPeak(site, tier);
    const left = hosts - hostsInFullestAz(hosts, site.azCount);
    // A group relaunches into the surviving AZs up to its max; an SBC (fixed slot, fixed AZ) waits for its AZ.
    const maxLeft = tier === "sbc" ? left : hostsAtMax(site, tier);
    return loadCase(
      `one AZ of ${site.name}`,
      [{ site: site.name, work: design * hosts, hosts: left, maxHosts: maxLeft }],
      limit,
    );
  });
}

function worstOf(cases: LoadCase[]): LoadCase {
  return cases.reduce((a, b) => {
    if (a.loadPercent === null) return a;
    if (b.loadPercent === null) return b;
    return b.loadPercent > a.loadPercent ? b : a;
  });
}

/** Every pool's load after losing any one site or any one AZ, against the promised ceiling. */
export function capacityFigures(config: NetworkConfig): PoolCapacity[] {
  const sites = config.sites.filter((s): s is AwsSiteConfig => s.kind === "aws");
  const { designLoadPercent: design, maxLoadAfterFailurePercent: limit } = config.capacity;
  return POOL_TIERS.map((tier) => {
    const bySite = siteLoss(sites, tier, design, limit);
    const byAz = azLoss(sites, tier, design, limit);
    return {
      tier,
      spread: SPREAD[tier],
      designLoadPercent: design,
      limitPercent: limit,
      siteLoss: bySite,
      azLoss: byAz,
      worst: worstOf([...bySite, ...byAz]),
    };
  });
}

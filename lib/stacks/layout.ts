// An environment as a set of stacks (issue 14): which stacks there are, what each holds, which
// stacks it reads through StackReferences, and the order they plan and deploy in. Pure: the
// program, the offline plan, CI's matrix and the benchmark all read this one layout.
import type { NetworkConfig } from "../../config/schema";
import { databaseRoles } from "../model/databaseRoles";
import { awsSitesOf, dataCentresOf } from "../model/sites";

/** What one stack of an environment holds. */
export type StackPart =
  /** Environment-wide, read by every site: Cloudflare's ranges, the admin PKI, the isolated backup vault. */
  | { readonly kind: "shared" }
  /** One AWS site: network, pools, database role, transit gateway and data-centre VPNs ending there, backups, monitoring. */
  | { readonly kind: "site"; readonly site: string }
  /**
   * The transit gateway peerings of `site` with every earlier site in config order, and their routes
   * (one multi-region provider): each pair is in exactly one stack, the later site's.
   */
  | { readonly kind: "mesh"; readonly site: string }
  /** Cloudflare: web pools and load balancer, SBC records, SRV/NAPTR. */
  | { readonly kind: "dns" };

export interface StackSpec {
  /** The stack's name: `<environment stack>` for the shared part, `<environment stack>-<part>` for the others. */
  readonly name: string;
  readonly part: StackPart;
  /** Stacks whose outputs this one reads (StackReferences), by name. */
  readonly reads: readonly string[];
  /** AWS regions whose APIs the stack calls (empty: Cloudflare and local providers only). */
  readonly regions: readonly string[];
  /** Why it reads what it reads, one line per upstream stack (for reviews and the plan's notes). */
  readonly why: Readonly<Record<string, string>>;
}

/** Part names that are not sites: a site may not take them, nor start with `mesh-` (stack names would collide). */
export const RESERVED_PART_NAMES = ["mesh", "dns"] as const;

export function partName(part: StackPart): string {
  return part.kind === "site" ? part.site : part.kind === "mesh" ? `mesh-${part.site}` : part.kind;
}

export function stackNameOf(environmentStack: string, part: StackPart): string {
  return part.kind === "shared" ? environmentStack : `${environmentStack}-${partName(part)}`;
}

type LayoutConfig = Pick<NetworkConfig, "sites" | "database" | "backup" | "admin" | "regionalLoss">;

/**
 * The stacks of an environment, in a deploy order (every stack after the stacks it reads). The first
 * AWS site's stack owns the web certificates' validation records in Cloudflare (one per name for every
 * region, see components/pools/certificate.ts), so the other sites read it; the database replica's
 * site reads the primary's ARN.
 */
export function environmentStacks(environmentStack: string, config: LayoutConfig): StackSpec[] {
  const sites = awsSitesOf(config);
  const reserved = sites.filter(
    (s) => (RESERVED_PART_NAMES as readonly string[]).includes(s.name) || s.name.startsWith("mesh-"),
  );
  if (reserved.length > 0)
    throw new Error(
      `site name ${reserved.map((s) => `"${s.name}"`).join(", ")} is reserved for an environment-wide stack (${RESERVED_PART_NAMES.join(", ")}, mesh-<site>)`,
    );
  const shared = environmentStack;
  const siteStack = (site: string) => stackNameOf(environmentStack, { kind: "site", site });
  const first = sites[0]?.name;
  const specs: StackSpec[] = [
    {
      name: shared,
      part: { kind: "shared" },
      reads: [],
      regions: [config.backup.isolatedRegion],
      why: {},
    },
  ];
  sites.forEach((site) => {
    const why: Record<string, string> = {
      [shared]: "Cloudflare's ranges (web origins), the isolated vault (backup copies), the admin PKI",
    };
    if (site.name !== first) why[siteStack(first!)] = "the web certificates' shared validation records";
    const roles = databaseRoles(config);
    if (roles.replicaSite === site.name && roles.primarySite !== site.name)
      why[siteStack(roles.primarySite)] = "the primary database the replica follows";
    specs.push({
      name: siteStack(site.name),
      part: { kind: "site", site: site.name },
      reads: Object.keys(why),
      regions: [site.region],
      why,
    });
  });
  // The mesh, one stack per site but the first: its peerings with every earlier site. Each grows with
  // the sites before it (linearly), and they all deploy side by side.
  sites.forEach((site, i) => {
    if (i === 0) return;
    const peers = [site, ...sites.slice(0, i)];
    const why = Object.fromEntries(peers.map((p) => [siteStack(p.name), "its transit gateway and route table"]));
    specs.push({
      name: stackNameOf(environmentStack, { kind: "mesh", site: site.name }),
      part: { kind: "mesh", site: site.name },
      reads: Object.keys(why),
      regions: [...new Set(peers.map((p) => p.region))],
      why,
    });
  });
  // A lost site is withdrawn from DNS (the regional-loss runbook): the DNS stack no longer reads it.
  const lost = config.regionalLoss?.lostSites ?? [];
  const servingSites = Object.fromEntries(
    sites
      .filter((s) => !lost.includes(s.name))
      .map((s) => [siteStack(s.name), "its entry points (ALB, SBC addresses)"]),
  );
  specs.push({
    name: stackNameOf(environmentStack, { kind: "dns" }),
    part: { kind: "dns" },
    reads: Object.keys(servingSites),
    regions: [],
    why: servingSites,
  });
  return specs;
}

/** The stacks in dependency levels: level 0 reads nothing, level k reads only lower levels. */
export function deployLevels(specs: readonly StackSpec[]): StackSpec[][] {
  const levelOf = new Map<string, number>();
  const byName = new Map(specs.map((s) => [s.name, s]));
  const visit = (spec: StackSpec, path: string[]): number => {
    const known = levelOf.get(spec.name);
    if (known !== undefined) return known;
    if (path.includes(spec.name))
      throw new Error(`stacks read each other in a cycle: ${[...path, spec.name].join(" -> ")}`);
    const level =
      Math.max(
        -1,
        ...spec.reads.map((name) => {
          const upstream = byName.get(name);
          if (!upstream) throw new Error(`stack ${spec.name} reads ${name}, which the environment does not have`);
          return visit(upstream, [...path, spec.name]);
        }),
      ) + 1;
    levelOf.set(spec.name, level);
    return level;
  };
  specs.forEach((s) => visit(s, []));
  const levels: StackSpec[][] = [];
  specs.forEach((s) => (levels[levelOf.get(s.name)!] ??= []).push(s));
  return levels;
}

/** Every stack that reads `names`, directly or through others (not `names` themselves). */
export function readersOf(specs: readonly StackSpec[], names: readonly string[]): string[] {
  const found = new Set<string>();
  let frontier = new Set(names);
  for (let round = 0; round < specs.length && frontier.size > 0; round++) {
    const next = new Set<string>();
    specs.forEach((s) => {
      if (!found.has(s.name) && !names.includes(s.name) && s.reads.some((r) => frontier.has(r))) {
        found.add(s.name);
        next.add(s.name);
      }
    });
    frontier = next;
  }
  return specs.filter((s) => found.has(s.name)).map((s) => s.name);
}

/** Data centres whose VPN ends at `site` (one connection per home site). */
export function dataCentresHomedAt(config: Pick<NetworkConfig, "sites">, site: string): string[] {
  return dataCentresOf(config)
    .filter((dc) => dc.homeSites.includes(site))
    .map((dc) => dc.site.name);
}

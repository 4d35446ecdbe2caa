// Every security group of the network and every rule it holds, as data (S8). The pools, the
// database and the admin VPN turn these into resources; the quota check counts them; the exposure
// figure and the policy config read them. Descriptions are checked here, where they are written.
import type { NetworkConfig } from "../../config/schema";
import type { Tier } from "../../policies/lib/vocabulary";
import { AdminAccess, destinationName } from "./admin";
import { tierCidr } from "./addressPlan";
import { AllowList, AllowListName, ListRef, allowListsOf, listKey } from "./allowLists";
import { ec2Description } from "./descriptions";
import { awsSitesOf } from "./sites";

export type GroupRole = "alb" | "web" | "sbc" | "core" | "database" | "adminVpn" | "endpoints";

/** A security group: its role in one AWS site. */
export interface GroupRef {
  readonly site: string;
  readonly role: GroupRole;
}

export interface SecurityGroupSpec {
  readonly ref: GroupRef;
  readonly tier: Tier;
  /** The group's description: EC2 can only change it by replacing the group. */
  readonly description: string;
}

/** Lists published outside the repo, read when the program runs (one rule per entry). */
export type PublishedList = "cloudflare-ipv4";

export type Peer =
  | { readonly kind: "cidr"; readonly cidr: string }
  | { readonly kind: "group"; readonly group: GroupRef }
  /** One of the site's own allowlists, as a customer-managed prefix list (allowLists.ts). */
  | { readonly kind: "list"; readonly list: ListRef }
  | { readonly kind: "published"; readonly list: PublishedList };

export type Protocol = "tcp" | "udp";
export type Direction = "in" | "out";

export interface FirewallRule {
  readonly group: GroupRef;
  readonly direction: Direction;
  readonly peer: Peer;
  readonly protocol: Protocol;
  readonly fromPort: number;
  readonly toPort: number;
  /** What flows (SIP, SIP-TLS, RTP, HTTP, HTTPS, core API, PostgreSQL). */
  readonly service: string;
  /** Who and why, shown in the console next to the rule (valid for EC2). */
  readonly description: string;
  /** Who the rule serves (carriers, customers, Cloudflare, a site): every party that asked for it. */
  readonly parties: readonly string[];
}

/** SIP signalling ports: 5060 over UDP and TCP, 5061 for SIP over TLS. */
export const SIP_PORTS: readonly {
  readonly protocol: Protocol;
  readonly port: number;
  readonly label: string;
  readonly service: string;
}[] = [
  { protocol: "udp", port: 5060, label: "SIP/UDP", service: "SIP" },
  { protocol: "tcp", port: 5060, label: "SIP/TCP", service: "SIP" },
  { protocol: "tcp", port: 5061, label: "SIP/TLS", service: "SIP-TLS" },
];

/** Ports a remote party's RTP may use: any unprivileged UDP port (theirs, not ours, so not configurable). */
export const REMOTE_RTP = { from: 1024, to: 65535 } as const;

/** Port the web hosts serve on behind the ALB (TLS ends at the ALB, inside the VPC). */
export const WEB_TARGET_PORT = 80;

/** Ports the ALB takes from Cloudflare's proxies. */
export const WEB_PORTS = [80, 443] as const;

export const groupKey = (g: GroupRef): string => `${g.site}/${g.role}`;

function peerKey(p: Peer): string {
  switch (p.kind) {
    case "cidr":
      return p.cidr;
    case "group":
      return `sg:${groupKey(p.group)}`;
    case "list":
      return `pl:${listKey(p.list)}`;
    case "published":
      return `published:${p.list}`;
  }
}

/** What makes a rule distinct for EC2: group, direction, peer, protocol and ports. */
export function ruleIdentity(
  r: Pick<FirewallRule, "group" | "direction" | "peer" | "protocol" | "fromPort" | "toPort">,
): string {
  return `${groupKey(r.group)} ${r.direction} ${peerKey(r.peer)} ${r.protocol} ${r.fromPort}-${r.toPort}`;
}

type Draft = Omit<FirewallRule, "description" | "parties"> & { readonly description: string; readonly party: string };

/**
 * Rules with their descriptions checked; the same peer and ports asked twice (a CIDR shared by a
 * carrier and a customer, a site's core that is also the admins' path) is one rule, described by
 * the first that asked, serving every party.
 */
function merge(drafts: readonly Draft[]): FirewallRule[] {
  const rules = new Map<string, FirewallRule>();
  drafts.forEach(({ party, ...d }) => {
    const id = ruleIdentity(d);
    const seen = rules.get(id);
    if (seen) {
      if (!seen.parties.includes(party)) rules.set(id, { ...seen, parties: [...seen.parties, party] });
      return;
    }
    rules.set(id, {
      ...d,
      description: ec2Description(d.description, `the ${d.direction === "in" ? "ingress" : "egress"} rule ${id}`),
      parties: [party],
    });
  });
  return [...rules.values()];
}

const cidr = (value: string): Peer => ({ kind: "cidr", cidr: value });
const group = (site: string, role: GroupRole): Peer => ({ kind: "group", group: { site, role } });

type FirewallConfig = Pick<NetworkConfig, "sites" | "carriers" | "customers" | "ports" | "database">;

/** A site's lists by name: a rule on a list that has no entry is not made. */
type SiteLists = ReadonlyMap<AllowListName, AllowList>;

const listPeer = (l: AllowList): Peer => ({ kind: "list", list: l.ref });
const partiesOf = (l: AllowList): string[] => [...new Set(l.entries.flatMap((e) => e.parties))];

/** One AWS site's tier block, e.g. the core subnets where the SIP balancer's nodes sit. */
function siteTierCidr(c: Pick<NetworkConfig, "sites">, site: string, tier: "edge" | "core"): string {
  const found = c.sites.find((s) => s.name === site);
  if (!found) throw new Error(`firewall: no site named ${site}`);
  return tierCidr(found.cidr, tier);
}

/** Data tiers holding a database a site's core uses: the primary's, and its own when it hosts the replica. */
export function databaseBlocksFor(
  config: Pick<NetworkConfig, "sites" | "database">,
  site: string,
): { site: string; cidr: string }[] {
  const dataOf = (name: string) =>
    awsSitesOf(config)
      .filter((s) => s.name === name)
      .map((s) => ({ site: s.name, cidr: tierCidr(s.cidr, "data") }));
  const { site: primary, replicaSite } = config.database;
  return [...dataOf(primary), ...(replicaSite === site && site !== primary ? dataOf(site) : [])];
}

function httpsEgress(site: string, role: GroupRole): Draft {
  return {
    group: { site, role },
    direction: "out",
    peer: cidr("0.0.0.0/0"),
    protocol: "tcp",
    fromPort: 443,
    toPort: 443,
    service: "HTTPS",
    description: "HTTPS egress: packages, agents, AWS APIs",
    party: "package and AWS API endpoints",
  };
}

/** SBC: SIP and RTP only with configured carriers and customers (their lists); SIP with the site's core. */
function sbcRules(c: FirewallConfig, site: string, lists: SiteLists): Draft[] {
  const at = { site, role: "sbc" as const };
  const sip = (direction: Direction, peer: Peer, who: string, party: string): Draft[] =>
    SIP_PORTS.map((p) => ({
      group: at,
      direction,
      peer,
      protocol: p.protocol,
      fromPort: p.port,
      toPort: p.port,
      service: p.service,
      description: `${p.label} ${direction === "in" ? "from" : "to"} ${who}`,
      party,
    }));
  const rtp = (direction: Direction, peer: Peer, who: string, party: string): Draft => {
    const range = direction === "in" ? c.ports.rtp : REMOTE_RTP;
    return {
      group: at,
      direction,
      peer,
      protocol: "udp",
      fromPort: range.from,
      toPort: range.to,
      service: "RTP",
      description: `RTP ${direction === "in" ? "from" : "to"} ${who}`,
      party,
    };
  };
  const core = (direction: Direction): Draft[] =>
    (["udp", "tcp"] as const).map((protocol) => ({
      group: at,
      direction,
      peer: group(site, "core"),
      protocol,
      fromPort: c.ports.coreSip,
      toPort: c.ports.coreSip,
      service: "SIP",
      description: `SIP/${protocol.toUpperCase()} ${direction === "in" ? "from" : "to"} the core tier of this site`,
      party: `${site} core`,
    }));
  // One rule per port range and list, whatever the number of carriers and customers; each party is
  // named on its entries (a rule serves every party of its list).
  const onList = (name: AllowListName, make: (peer: Peer, who: string, party: string) => Draft[]): Draft[] => {
    const l = lists.get(name);
    return l ? partiesOf(l).flatMap((party) => make(listPeer(l), `the ${l.holds} (prefix list)`, party)) : [];
  };
  const both = (direction: Direction): Draft[] => [
    ...onList("carrier-signalling", (peer, who, party) => sip(direction, peer, who, party)),
    ...onList("carrier-media", (peer, who, party) => [rtp(direction, peer, who, party)]),
    // Customers' phones and PBXs send media from the addresses they signal from.
    ...onList("customers", (peer, who, party) => [
      ...sip(direction, peer, who, party),
      rtp(direction, peer, who, party),
    ]),
    ...core(direction),
  ];
  // New calls go to the core's internal SIP balancer, whose nodes have addresses in the core subnets.
  const balancer: Draft[] = (["udp", "tcp"] as const).map((protocol) => ({
    group: at,
    direction: "out",
    peer: cidr(siteTierCidr(c, site, "core")),
    protocol,
    fromPort: c.ports.coreSip,
    toPort: c.ports.coreSip,
    service: "SIP",
    description: `SIP/${protocol.toUpperCase()} to the core SIP balancer of this site`,
    party: `${site} core SIP balancer`,
  }));
  return [...both("in"), ...both("out"), ...balancer, httpsEgress(site, "sbc")];
}

/** Web: the ALB only from Cloudflare's proxies, the hosts only from the ALB; hosts call the core API. */
function webRules(c: FirewallConfig, site: string): Draft[] {
  const alb = { site, role: "alb" as const };
  const web = { site, role: "web" as const };
  return [
    ...WEB_PORTS.map((port): Draft => ({
      group: alb,
      direction: "in",
      peer: { kind: "published", list: "cloudflare-ipv4" },
      protocol: "tcp",
      fromPort: port,
      toPort: port,
      service: port === 443 ? "HTTPS" : "HTTP",
      description: `${port === 443 ? "HTTPS" : "HTTP (redirected)"} from Cloudflare proxy`,
      party: "Cloudflare",
    })),
    {
      group: alb,
      direction: "out",
      peer: group(site, "web"),
      protocol: "tcp",
      fromPort: WEB_TARGET_PORT,
      toPort: WEB_TARGET_PORT,
      service: "HTTP",
      description: "ALB to web hosts",
      party: `${site} web hosts`,
    },
    {
      group: web,
      direction: "in",
      peer: group(site, "alb"),
      protocol: "tcp",
      fromPort: WEB_TARGET_PORT,
      toPort: WEB_TARGET_PORT,
      service: "HTTP",
      description: "HTTP from the ALB of this site",
      party: `${site} ALB`,
    },
    {
      group: web,
      direction: "out",
      peer: group(site, "core"),
      protocol: "tcp",
      fromPort: c.ports.coreApi,
      toPort: c.ports.coreApi,
      service: "core API",
      description: "web hosts to the core API",
      party: `${site} core`,
    },
    httpsEgress(site, "web"),
  ];
}

/** Core: SIP with the SBCs and other sites, the API for web, other sites and admins, PostgreSQL out. */
function coreRules(c: FirewallConfig, site: string, admin: AdminAccess, lists: SiteLists): Draft[] {
  const at = { site, role: "core" as const };
  const { coreSip, coreApi, database } = c.ports;
  const sip = (direction: Direction, peer: Peer, who: string, party: string): Draft[] =>
    (["udp", "tcp"] as const).map((protocol) => ({
      group: at,
      direction,
      peer,
      protocol,
      fromPort: coreSip,
      toPort: coreSip,
      service: "SIP",
      description: `SIP/${protocol.toUpperCase()} ${who}`,
      party,
    }));
  const api = (direction: Direction, peer: Peer, who: string, party: string): Draft => ({
    group: at,
    direction,
    peer,
    protocol: "tcp",
    fromPort: coreApi,
    toPort: coreApi,
    service: "core API",
    description: `core API ${who}`,
    party,
  });
  // The other sites' cores on one list: three rules per direction however many sites there are.
  const peers = lists.get("peer-cores");
  const peerRules = (direction: Direction) =>
    !peers
      ? []
      : partiesOf(peers).flatMap((party) => {
          const who = `${direction === "in" ? "from" : "to"} the ${peers.holds} (prefix list)`;
          return [...sip(direction, listPeer(peers), who, party), api(direction, listPeer(peers), who, party)];
        });
  // The SIP balancer has no security group and keeps the client's address (instance targets, UDP): the
  // SBCs' calls arrive from the edge subnets, its TCP health checks from its nodes in the core subnets.
  const edge = siteTierCidr(c, site, "edge");
  const balancerHealth: Draft = {
    group: at,
    direction: "in",
    peer: cidr(siteTierCidr(c, site, "core")),
    protocol: "tcp",
    fromPort: coreSip,
    toPort: coreSip,
    service: "SIP",
    description: "SIP balancer health checks from the core subnets of this site",
    party: `${site} core SIP balancer`,
  };
  return [
    ...sip("in", group(site, "sbc"), "from the SBCs of this site", `${site} SBCs`),
    ...sip("in", cidr(edge), "from the SBCs of this site through the SIP balancer", `${site} SBCs`),
    balancerHealth,
    api("in", group(site, "web"), "from the web hosts of this site", `${site} web hosts`),
    ...peerRules("in"),
    ...adminIngress(admin, site),
    ...sip("out", group(site, "sbc"), "to the SBCs of this site", `${site} SBCs`),
    ...peerRules("out"),
    ...databaseBlocksFor(c, site).map((d): Draft => ({
      group: at,
      direction: "out",
      peer: cidr(d.cidr),
      protocol: "tcp",
      fromPort: database,
      toPort: database,
      service: "PostgreSQL",
      description: `PostgreSQL in database in ${d.site}`,
      party: `database in ${d.site}`,
    })),
    httpsEgress(site, "core"),
  ];
}

/** The database: PostgreSQL from its site's core; the primary also from the other sites' cores. */
function databaseRules(c: FirewallConfig, site: string, lists: SiteLists): Draft[] {
  const at = { site, role: "database" as const };
  const port = c.ports.database;
  const from = (peer: Peer, of: string): Draft => ({
    group: at,
    direction: "in",
    peer,
    protocol: "tcp",
    fromPort: port,
    toPort: port,
    service: "PostgreSQL",
    description: `PostgreSQL from the core of ${of}`,
    party: `${of} core`,
  });
  // The primary's list of the other AWS sites' core tiers (allowLists.ts declares it on the primary only).
  const remote = lists.get("remote-cores");
  const fromRemote = remote
    ? partiesOf(remote).map((party): Draft => ({
        ...from(listPeer(remote), `the ${remote.holds} (prefix list)`),
        party,
      }))
    : [];
  return [from(group(site, "core"), site), ...fromRemote];
}

/**
 * Where admins arrive at a destination of this site's tier: from the Client VPN's own group on its
 * site, from that site's core block elsewhere (Client VPN translates clients to its interfaces in
 * the core subnets it is associated with).
 */
function adminIngress(admin: AdminAccess, site: string): Draft[] {
  return admin.destinations
    .filter((d) => d.site === site)
    .map((d) => ({
      group: { site, role: "core" },
      direction: "in",
      protocol: d.protocol,
      fromPort: d.port,
      toPort: d.port,
      service: d.service,
      party: "admin workstations",
      ...(site === admin.site.name
        ? { peer: group(admin.site.name, "adminVpn"), description: `${d.service} from the admin Client VPN` }
        : {
            peer: cidr(tierCidr(admin.site.cidr, "core")),
            description: `${d.service} from the admin Client VPN via site ${admin.site.name}`,
          }),
    }));
}

/** The admin VPN's group: out only to the admin destinations, on their ports. */
function adminVpnRules(admin: AdminAccess): Draft[] {
  return admin.destinations.map((d) => ({
    group: { site: admin.site.name, role: "adminVpn" },
    direction: "out",
    peer: cidr(d.cidr),
    protocol: d.protocol,
    fromPort: d.port,
    toPort: d.port,
    service: d.service,
    description: `admin TCP ${d.port} to ${destinationName(d)}`,
    party: destinationName(d),
  }));
}

/** Interface endpoints: HTTPS from inside the VPC only. */
function endpointRules(site: { name: string; cidr: string }): Draft[] {
  return [
    {
      group: { site: site.name, role: "endpoints" },
      direction: "in",
      peer: cidr(site.cidr),
      protocol: "tcp",
      fromPort: 443,
      toPort: 443,
      service: "HTTPS",
      description: "HTTPS to AWS service endpoints from hosts in this VPC",
      party: `${site.name} hosts`,
    },
  ];
}

const GROUP_DESCRIPTIONS: Record<GroupRole, { tier: Tier; description: string }> = {
  alb: { tier: "web", description: "Web entry (ALB): HTTP/HTTPS from Cloudflare only" },
  web: { tier: "web", description: "Web hosts: HTTP from the ALB of this site only" },
  sbc: { tier: "sbc", description: "SBCs: SIP and RTP from configured carriers and customers only" },
  core: { tier: "core", description: "Core: SIP from SBCs, API from web, other sites, admin VPN" },
  database: { tier: "data", description: "Core database: PostgreSQL from the core tier only" },
  adminVpn: { tier: "core", description: "Admin Client VPN: egress only to the core API of every site" },
  endpoints: { tier: "network", description: "VPC interface endpoints: HTTPS from inside the VPC only" },
};

export interface Firewall {
  readonly groups: readonly SecurityGroupSpec[];
  readonly rules: readonly FirewallRule[];
  /** Every site's allowlists (prefix lists) the rules reference. */
  readonly lists: readonly AllowList[];
}

export function firewallOf(config: FirewallConfig, admin: AdminAccess): Firewall {
  const sites = awsSitesOf(config);
  const databaseSites = new Set([
    config.database.site,
    ...(config.database.replicaSite ? [config.database.replicaSite] : []),
  ]);
  const roles = (site: string): GroupRole[] => [
    "endpoints",
    "alb",
    "web",
    "sbc",
    "core",
    ...(databaseSites.has(site) ? ["database" as const] : []),
    ...(site === admin.site.name ? ["adminVpn" as const] : []),
  ];
  const groups = sites.flatMap((s) =>
    roles(s.name).map((role) => ({
      ref: { site: s.name, role },
      tier: GROUP_DESCRIPTIONS[role].tier,
      description: ec2Description(GROUP_DESCRIPTIONS[role].description, `security group ${s.name}/${role}`),
    })),
  );
  const lists = sites.flatMap((s) => allowListsOf(config, s.name));
  const rules = merge(
    sites.flatMap((s) => {
      const own: SiteLists = new Map(lists.filter((l) => l.ref.site === s.name).map((l) => [l.ref.list, l]));
      return [
        ...endpointRules(s),
        ...webRules(config, s.name),
        ...sbcRules(config, s.name, own),
        ...coreRules(config, s.name, admin, own),
        ...(databaseSites.has(s.name) ? databaseRules(config, s.name, own) : []),
        ...(s.name === admin.site.name ? adminVpnRules(admin) : []),
      ];
    }),
  );
  return { groups, rules, lists };
}

/** One group's rules in one direction. */
export function rulesOf(firewall: Firewall, ref: GroupRef, direction: Direction): FirewallRule[] {
  return firewall.rules.filter(
    (r) => r.group.site === ref.site && r.group.role === ref.role && r.direction === direction,
  );
}

/** The group's spec (throws when the model has no such group, so a caller cannot build nothing). */
export function groupOf(firewall: Firewall, ref: GroupRef): SecurityGroupSpec {
  const found = firewall.groups.find((g) => g.ref.site === ref.site && g.ref.role === ref.role);
  if (!found) throw new Error(`the network model has no security group ${groupKey(ref)}`);
  return found;
}

/**
 * Rules with published lists expanded to one rule per entry (e.g. each Cloudflare range), each
 * described with its entry.
 */
export function withPublished(
  rules: readonly FirewallRule[],
  lists: Readonly<Record<PublishedList, readonly string[]>>,
): FirewallRule[] {
  return rules.flatMap((r) =>
    r.peer.kind !== "published"
      ? [r]
      : lists[r.peer.list].map((entry) => ({
          ...r,
          peer: cidr(entry),
          description: ec2Description(`${r.description} ${entry}`, `the rule ${ruleIdentity(r)} for ${entry}`),
        })),
  );
}

/** The list a rule references (throws when the model has none, so a caller cannot build nothing). */
export function listOf(firewall: Pick<Firewall, "lists">, ref: ListRef): AllowList {
  const found = firewall.lists.find((l) => l.ref.site === ref.site && l.ref.list === ref.list);
  if (!found) throw new Error(`the network model has no allowlist ${listKey(ref)}`);
  return found;
}

/**
 * Rules with their lists expanded to one rule per entry, each serving the entry's parties: what the
 * groups admit block by block, for the figures and the policy config (the resources keep the lists).
 */
export function withListsExpanded(rules: readonly FirewallRule[], firewall: Pick<Firewall, "lists">): FirewallRule[] {
  return rules.flatMap((r) =>
    r.peer.kind !== "list"
      ? [r]
      : listOf(firewall, r.peer.list).entries.map((e) => ({
          ...r,
          peer: cidr(e.cidr),
          description: `${r.description}: ${e.description}`,
          parties: e.parties,
        })),
  );
}

// The address lists a site's security groups admit as one customer-managed prefix list each, instead
// of one rule per address: the carriers' signalling and media blocks, the customers' blocks, the other
// sites' cores. A site stack then holds the same few rules whatever the number of sites, carriers and
// customers (issue 14: growth adds entries, not resources). AWS still counts a rule on a list as
// max-entries rules against the group's quota ("When you reference a prefix list in a resource, the
// maximum number of entries for the prefix lists counts against the quota for the number of entries
// for the resource", https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-prefix-lists),
// so the quota check counts the entries (quotas.ts).
import type { NetworkConfig } from "../../config/schema";
import { tierCidr } from "./addressPlan";
import { awsSitesOf } from "./sites";

export type AllowListName = "carrier-signalling" | "carrier-media" | "customers" | "peer-cores" | "remote-cores";

/** One site's list (prefix lists are regional: each site stack declares its own). */
export interface ListRef {
  readonly site: string;
  readonly list: AllowListName;
}

export interface AllowListEntry {
  readonly cidr: string;
  /** Who the block belongs to, shown next to the entry in the console. */
  readonly description: string;
  /** Every party that asked for the block (a block shared by two customers is one entry). */
  readonly parties: readonly string[];
}

export interface AllowList {
  readonly ref: ListRef;
  /** What the list holds, for the rules that reference it ("the carriers' signalling blocks"). */
  readonly holds: string;
  readonly entries: readonly AllowListEntry[];
}

/** CreateManagedPrefixList takes entry descriptions of up to 255 characters, and at most 1,000 entries. */
export const MAX_ENTRY_DESCRIPTION = 255;
export const MAX_ENTRIES = 1000;
const API = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AddPrefixListEntry.html";

export const listKey = (ref: ListRef): string => `${ref.site}/${ref.list}`;

type Wanted = { readonly cidr: string; readonly party: string; readonly description: string };

/** Entries in first-asked order, one per block: AWS refuses a list that names a block twice. */
function entriesOf(ref: ListRef, wanted: readonly Wanted[]): AllowListEntry[] {
  const byCidr = new Map<string, AllowListEntry>();
  wanted.forEach((w) => {
    const seen = byCidr.get(w.cidr);
    if (!seen) {
      byCidr.set(w.cidr, { cidr: w.cidr, description: w.description, parties: [w.party] });
      return;
    }
    if (seen.parties.includes(w.party)) return;
    byCidr.set(w.cidr, {
      ...seen,
      description: `${seen.description}; ${w.description}`,
      parties: [...seen.parties, w.party],
    });
  });
  const entries = [...byCidr.values()];
  entries.forEach((e) => {
    if (e.description.length > MAX_ENTRY_DESCRIPTION)
      throw new Error(
        `the ${listKey(ref)} entry ${e.cidr} would be described in ${e.description.length} characters; ` +
          `a prefix list entry takes at most ${MAX_ENTRY_DESCRIPTION} (${API}): shorten the names of ${e.parties.join(", ")}`,
      );
  });
  if (entries.length > MAX_ENTRIES)
    throw new Error(`the ${listKey(ref)} prefix list would hold ${entries.length} blocks; AWS allows ${MAX_ENTRIES}`);
  return entries;
}

type ListConfig = Pick<NetworkConfig, "sites" | "carriers" | "customers" | "database">;

/** Core blocks of every other site: an AWS site's core tier, a data centre's whole block. */
export function peerCoreBlocks(
  config: Pick<NetworkConfig, "sites">,
  site: string,
): { name: string; kind: "aws" | "onprem"; cidr: string }[] {
  return config.sites
    .filter((s) => s.name !== site)
    .map((s) => ({ name: s.name, kind: s.kind, cidr: s.kind === "aws" ? tierCidr(s.cidr, "core") : s.cidr }));
}

/** The lists one AWS site declares; a list with no entry is left out (with the rules it would carry). */
export function allowListsOf(config: ListConfig, site: string): AllowList[] {
  const list = (name: AllowListName, holds: string, wanted: Wanted[]): AllowList => {
    const ref = { site, list: name };
    return { ref, holds, entries: entriesOf(ref, wanted) };
  };
  const remote =
    site === config.database.site
      ? awsSitesOf(config)
          .filter((s) => s.name !== site)
          .map((s) => ({
            cidr: tierCidr(s.cidr, "core"),
            party: `${s.name} core`,
            description: `core of site ${s.name}`,
          }))
      : [];
  return [
    list(
      "carrier-signalling",
      "carrier signalling blocks",
      config.carriers.flatMap((c) =>
        c.signallingCidrs.map((cidr) => ({
          cidr,
          party: `carrier ${c.name}`,
          description: `carrier ${c.name} signalling`,
        })),
      ),
    ),
    list(
      "carrier-media",
      "carrier media blocks",
      config.carriers.flatMap((c) =>
        c.mediaCidrs.map((cidr) => ({ cidr, party: `carrier ${c.name}`, description: `carrier ${c.name} media` })),
      ),
    ),
    list(
      "customers",
      "customer blocks",
      config.customers.flatMap((c) =>
        c.sipCidrs.map((cidr) => ({ cidr, party: `customer ${c.name}`, description: `customer ${c.name}` })),
      ),
    ),
    list(
      "peer-cores",
      "core blocks of the other sites",
      peerCoreBlocks(config, site).map((p) => ({
        cidr: p.cidr,
        party: `site ${p.name}`,
        description: p.kind === "aws" ? `core of site ${p.name}` : `data centre ${p.name}`,
      })),
    ),
    list("remote-cores", "core tiers of the other AWS sites", remote),
  ].filter((l) => l.entries.length > 0);
}

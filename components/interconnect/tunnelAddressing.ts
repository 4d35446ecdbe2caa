// Tunnel inside CIDRs for Site-to-Site VPN tunnels: pure, deterministic, stable when sites are added.
import { createHash } from "crypto";
import { Cidr, contains, formatCidr, mustParseCidr, overlaps, subnet } from "../../lib/ipv4";

const LINK_LOCAL = mustParseCidr("169.254.0.0/16");
const SLOTS = 2 ** (30 - LINK_LOCAL.prefix);

/**
 * AWS refuses 169.254.0.0/30 ... 169.254.5.0/30 and 169.254.169.252/30 as inside CIDRs. We keep
 * out of the whole 169.254.0.0-169.254.5.255 range so either reading of that list is honoured.
 */
export const RESERVED_INSIDE_RANGES = ["169.254.0.0/22", "169.254.4.0/23", "169.254.169.252/30"].map(mustParseCidr);

/** One tunnel of one VPN connection: the data centre, the AWS site it lands on, tunnel 1 or 2. */
export interface TunnelKey {
  readonly dataCentre: string;
  readonly homeSite: string;
  readonly tunnel: 1 | 2;
}

export function tunnelKeyText(key: TunnelKey): string {
  return `${key.dataCentre}/${key.homeSite}/${key.tunnel}`;
}

/** True when AWS accepts the block as a tunnel inside CIDR: a /30 of 169.254.0.0/16 outside the reserved ones. */
export function isValidInsideCidr(text: string): boolean {
  const cidr = mustParseCidr(text);
  return cidr.prefix === 30 && contains(LINK_LOCAL, cidr) && !RESERVED_INSIDE_RANGES.some((r) => overlaps(r, cidr));
}

function preferredSlot(key: TunnelKey): number {
  return parseInt(createHash("sha256").update(tunnelKeyText(key)).digest("hex").slice(0, 8), 16) % SLOTS;
}

/**
 * Gives every tunnel a /30 from a hash of its key (data centre, home site, tunnel number), probing
 * forward on a collision. Keys are taken in the order given (config order), so a site added at the
 * end never moves an existing tunnel, and a site added in the middle moves one only on a hash
 * collision (about 1 in 16,000 per pair). Unique across all tunnels, which is stricter than AWS's
 * "unique per transit gateway" and keeps the data-centre side free of clashes too.
 */
export function allocateInsideCidrs(keys: readonly TunnelKey[]): Map<string, string> {
  const taken = new Set<number>();
  const result = new Map<string, string>();
  for (const key of keys) {
    const text = tunnelKeyText(key);
    if (result.has(text)) throw new Error(`tunnel ${text} is listed twice`);
    let slot = preferredSlot(key);
    for (let probes = 0; ; probes++) {
      if (probes >= SLOTS) throw new Error("no free tunnel inside CIDR left in 169.254.0.0/16");
      const block: Cidr = subnet(LINK_LOCAL, 30, slot);
      if (!taken.has(slot) && isValidInsideCidr(formatCidr(block))) break;
      slot = (slot + 1) % SLOTS;
    }
    taken.add(slot);
    result.set(text, formatCidr(subnet(LINK_LOCAL, 30, slot)));
  }
  return result;
}

// Pure IPv4 arithmetic used by config validation, subnet layout and tunnel addressing.
// Kept free of Pulumi so that validation can run before anything is registered.

export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly base: number;
  readonly prefix: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function parseIp(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function formatIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** Parses "a.b.c.d/n" and requires the address to be the network address (no host bits set). */
export function parseCidr(text: string): Cidr | undefined {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(text);
  if (!match) return undefined;
  const base = parseIp(match[1]);
  const prefix = Number(match[2]);
  if (base === undefined || prefix > 32) return undefined;
  if (base % blockSize(prefix) !== 0) return undefined;
  return { base, prefix };
}

export function mustParseCidr(text: string): Cidr {
  const cidr = parseCidr(text);
  if (!cidr) throw new Error(`"${text}" is not an IPv4 CIDR in network form (e.g. 10.0.0.0/16)`);
  return cidr;
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIp(cidr.base)}/${cidr.prefix}`;
}

export function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return (
    inner.prefix >= outer.prefix &&
    inner.base >= outer.base &&
    inner.base + blockSize(inner.prefix) <= outer.base + blockSize(outer.prefix)
  );
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return contains(a, b) || contains(b, a);
}

/** The index-th block of size /newPrefix inside parent (deterministic carving). */
export function subnet(parent: Cidr, newPrefix: number, index: number): Cidr {
  if (newPrefix < parent.prefix || newPrefix > 32) {
    throw new Error(`cannot carve /${newPrefix} out of ${formatCidr(parent)}`);
  }
  const count = 2 ** (newPrefix - parent.prefix);
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new Error(`${formatCidr(parent)} holds ${count} blocks of /${newPrefix}; index ${index} is out of range`);
  }
  return { base: parent.base + index * blockSize(newPrefix), prefix: newPrefix };
}

// RFC 1918 and the other ranges that are never reachable on the public internet.
const PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map(mustParseCidr);
const RESERVED = [
  "0.0.0.0/8", // "this network"
  "100.64.0.0/10", // carrier-grade NAT
  "127.0.0.0/8", // loopback
  "169.254.0.0/16", // link local
  "192.0.0.0/24", // IETF protocol assignments
  "192.0.2.0/24", // TEST-NET-1
  "198.18.0.0/15", // benchmarking
  "198.51.100.0/24", // TEST-NET-2
  "203.0.113.0/24", // TEST-NET-3
  "224.0.0.0/4", // multicast
  "240.0.0.0/4", // reserved, and broadcast
].map(mustParseCidr);

export function isPrivate(cidr: Cidr): boolean {
  return PRIVATE.some((range) => contains(range, cidr));
}

/** True when every address of the block is routable on the public internet. */
export function isPublic(cidr: Cidr): boolean {
  return ![...PRIVATE, ...RESERVED].some((range) => overlaps(range, cidr));
}

/** The smallest block containing every given block. */
export function coveringCidr(blocks: Cidr[]): Cidr {
  if (blocks.length === 0) throw new Error("no blocks to cover");
  const start = Math.min(...blocks.map((b) => b.base));
  const end = Math.max(...blocks.map((b) => b.base + blockSize(b.prefix))) - 1;
  let prefix = Math.min(...blocks.map((b) => b.prefix));
  while (prefix > 0 && Math.floor(start / blockSize(prefix)) !== Math.floor(end / blockSize(prefix))) prefix--;
  return { base: Math.floor(start / blockSize(prefix)) * blockSize(prefix), prefix };
}

/**
 * Private blocks summarised as at most one covering block per RFC 1918 range: a constant number of
 * firewall entries however many sites there are. Throws on a block that is not private.
 */
export function privateSummary(cidrs: string[]): string[] {
  const groups = PRIVATE.map((range) => ({ range, members: [] as Cidr[] }));
  cidrs.map(mustParseCidr).forEach((c) => {
    const group = groups.find((g) => contains(g.range, c));
    if (!group) throw new Error(`${formatCidr(c)} is not a private (RFC 1918) block`);
    group.members.push(c);
  });
  return groups.filter((g) => g.members.length > 0).map((g) => formatCidr(coveringCidr(g.members)));
}

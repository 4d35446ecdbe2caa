// IPv4 and IPv6 CIDR arithmetic, small and self-contained so the pack runs without the program's code.

export interface Cidr {
  readonly version: 4 | 6;
  readonly base: bigint;
  readonly prefix: number;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) + BigInt(Number(p)), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return all.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}

/** Parses "a.b.c.d/n" or an IPv6 CIDR; a bare address is a host route. The base is masked. */
export function parseCidr(text: string): Cidr | undefined {
  // Rules parse the same few hundred CIDRs for every resource: each is parsed once (results are frozen).
  if (PARSED.has(text)) return PARSED.get(text);
  const cidr = parseCidrText(text);
  PARSED.set(text, cidr && Object.freeze(cidr));
  return cidr;
}

const PARSED = new Map<string, Cidr | undefined>();

function parseCidrText(text: string): Cidr | undefined {
  const [ip, prefixText, extra] = text.trim().split("/");
  if (extra !== undefined) return undefined;
  const version = ip.includes(":") ? 6 : 4;
  const width = version === 4 ? 32 : 128;
  const base = version === 4 ? parseIpv4(ip) : parseIpv6(ip);
  const prefix = prefixText === undefined ? width : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (base === undefined || !(prefix >= 0 && prefix <= width)) return undefined;
  const hostBits = BigInt(width - prefix);
  return { version, base: (base >> hostBits) << hostBits, prefix };
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  if (outer.version !== inner.version || inner.prefix < outer.prefix) return false;
  const shift = BigInt((outer.version === 4 ? 32 : 128) - outer.prefix);
  return inner.base >> shift === outer.base >> shift;
}

/** Ranges that are not the public internet: RFC 1918, CGNAT, loopback, link-local, IPv6 ULA and link-local. */
const NOT_INTERNET = [
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "fc00::/7",
  "fe80::/10",
  "::1/128",
].map((c) => parseCidr(c)!);

/** True when any address of the CIDR is on the public internet (0.0.0.0/0 and ::/0 included). Unparseable text counts as public. */
export function isPublicCidr(text: string): boolean {
  const cidr = parseCidr(text);
  if (!cidr) return true;
  return !NOT_INTERNET.some((range) => contains(range, cidr));
}

/** True when the CIDR lies entirely inside one of the allowlist's CIDRs. */
export function insideAny(text: string, allowlist: readonly string[]): boolean {
  const cidr = parseCidr(text);
  if (!cidr) return false;
  return allowlist.some((a) => {
    const outer = parseCidr(a);
    return outer !== undefined && contains(outer, cidr);
  });
}

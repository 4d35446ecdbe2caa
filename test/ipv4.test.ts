import {
  contains,
  coveringCidr,
  formatCidr,
  isPrivate,
  isPublic,
  mustParseCidr,
  overlaps,
  parseCidr,
  parseIp,
  privateSummary,
  subnet,
} from "../lib/ipv4";

describe("IPv4 arithmetic", () => {
  it("parses addresses and refuses malformed ones", () => {
    expect(parseIp("10.0.0.1")).toBe(167772161);
    expect(parseIp("255.255.255.255")).toBe(2 ** 32 - 1);
    ["256.0.0.1", "10.0.0", "10.0.0.01", "a.b.c.d", "10.0.0.1.2"].forEach((bad) =>
      expect(parseIp(bad)).toBeUndefined(),
    );
  });

  it("parses CIDRs in network form only", () => {
    expect(parseCidr("10.10.0.0/16")).toEqual({ base: parseIp("10.10.0.0"), prefix: 16 });
    expect(parseCidr("10.10.1.0/16")).toBeUndefined();
    expect(parseCidr("10.10.0.0/33")).toBeUndefined();
    expect(parseCidr("10.10.0.0")).toBeUndefined();
    expect(() => mustParseCidr("nope")).toThrow(/not an IPv4 CIDR/);
  });

  it("carves numbered blocks and refuses out-of-range ones", () => {
    const site = mustParseCidr("10.20.0.0/16");
    expect(formatCidr(subnet(site, 18, 2))).toBe("10.20.128.0/18");
    expect(() => subnet(site, 18, 4)).toThrow(/holds 4 blocks/);
    expect(() => subnet(site, 15, 0)).toThrow(/cannot carve/);
  });

  it("knows containment and overlap", () => {
    const a = mustParseCidr("10.0.0.0/8");
    const b = mustParseCidr("10.1.0.0/16");
    const c = mustParseCidr("11.0.0.0/8");
    expect(contains(a, b)).toBe(true);
    expect(contains(b, a)).toBe(false);
    expect(overlaps(b, a)).toBe(true);
    expect(overlaps(a, c)).toBe(false);
  });

  it("tells private, reserved and public ranges apart", () => {
    expect(isPrivate(mustParseCidr("172.20.0.0/16"))).toBe(true);
    expect(isPrivate(mustParseCidr("172.32.0.0/16"))).toBe(false);
    expect(isPublic(mustParseCidr("64.16.10.0/28"))).toBe(true);
    ["0.0.0.0/0", "100.64.1.0/24", "198.51.100.0/24", "169.254.10.0/30", "224.0.0.0/8", "192.168.0.0/16"].forEach((c) =>
      expect(isPublic(mustParseCidr(c))).toBe(false),
    );
  });
});

describe("private summaries", () => {
  it("covers blocks with the smallest common block", () => {
    expect(formatCidr(coveringCidr(["10.10.0.0/16", "10.20.0.0/16"].map(mustParseCidr)))).toBe("10.0.0.0/11");
    expect(formatCidr(coveringCidr(["10.60.0.0/20", "10.60.16.0/20"].map(mustParseCidr)))).toBe("10.60.0.0/19");
    expect(formatCidr(coveringCidr(["10.1.2.0/24"].map(mustParseCidr)))).toBe("10.1.2.0/24");
  });

  it("summarises per RFC 1918 range, whatever the number of blocks", () => {
    const many = Array.from({ length: 40 }, (_, i) => `10.${i * 4}.0.0/16`);
    expect(privateSummary(many)).toEqual(["10.0.0.0/8"]);
    expect(privateSummary(["10.10.0.0/16", "172.20.0.0/16", "172.21.0.0/16", "192.168.4.0/24"])).toEqual([
      "10.10.0.0/16",
      "172.20.0.0/15",
      "192.168.4.0/24",
    ]);
    expect(() => privateSummary(["10.0.0.0/16", "64.16.10.0/28"])).toThrow(/64.16.10.0\/28 is not a private/);
  });
});

import { allocateInsideCidrs, isValidInsideCidr, tunnelKeyText } from "../../components/interconnect/tunnelAddressing";
import { tunnelKeys } from "../../components/interconnect/topology";
import { NetworkConfig, validateConfig } from "../../config";
import { mustParseCidr, overlaps } from "../../lib/ipv4";
import { rawStackConfig } from "../harness/config";

const AWS_RESERVED = [
  "169.254.0.0/30",
  "169.254.1.0/30",
  "169.254.2.0/30",
  "169.254.3.0/30",
  "169.254.4.0/30",
  "169.254.5.0/30",
  "169.254.169.252/30",
];

function allValidAndUnique(cidrs: string[]) {
  expect(new Set(cidrs).size).toBe(cidrs.length);
  cidrs.forEach((c) => {
    const block = mustParseCidr(c);
    expect(block.prefix).toBe(30);
    expect(overlaps(mustParseCidr("169.254.0.0/16"), block)).toBe(true);
    AWS_RESERVED.forEach((r) => expect(overlaps(mustParseCidr(r), block)).toBe(false));
  });
}

/** prod plus one AWS site and one data centre, both added at the end of the site list. */
function prodWithNewSites(): NetworkConfig {
  const raw = rawStackConfig("prod");
  const template = raw.sites[0];
  raw.sites.push(
    { ...template, name: "apne1", region: "ap-northeast-1", cidr: "10.40.0.0/16", asn: 64604 },
    {
      name: "bog-dc",
      kind: "onprem",
      cidr: "10.140.0.0/16",
      vpnDevice: { publicIp: "181.49.10.10", bgpAsn: 65103 },
      homeSites: ["sae1", "apne1"],
    },
  );
  raw.rhel[0].amiIds["ap-northeast-1"] = "ami-0123456789abcdef0";
  return validateConfig(raw);
}

describe("tunnel inside CIDRs", () => {
  it("isValidInsideCidr refuses AWS's reserved blocks, other sizes and anything outside 169.254.0.0/16", () => {
    AWS_RESERVED.forEach((r) => expect(isValidInsideCidr(r)).toBe(false));
    expect(isValidInsideCidr("169.254.6.0/29")).toBe(false);
    expect(isValidInsideCidr("10.0.0.0/30")).toBe(false);
    expect(isValidInsideCidr("169.254.6.0/30")).toBe(true);
  });

  it.each(["prod", "staging"] as const)("are valid /30s of 169.254.0.0/16, unique, one per tunnel in %s", (stack) => {
    const config = validateConfig(rawStackConfig(stack));
    const keys = tunnelKeys(config);
    const cidrs = [...allocateInsideCidrs(keys).values()];
    expect(cidrs).toHaveLength(keys.length);
    allValidAndUnique(cidrs);
  });

  it("stay valid and unique when collisions force probing (3,000 tunnels)", () => {
    const keys = Array.from({ length: 1500 }, (_, i) =>
      [1, 2].map((t) => ({ dataCentre: `dc${i}`, homeSite: "use1", tunnel: t as 1 | 2 })),
    ).flat();
    allValidAndUnique([...allocateInsideCidrs(keys).values()]);
  });

  it("do not change for existing tunnels when an AWS site and a data centre are added", () => {
    const before = allocateInsideCidrs(tunnelKeys(validateConfig(rawStackConfig("prod"))));
    const afterConfig = prodWithNewSites();
    const after = allocateInsideCidrs(tunnelKeys(afterConfig));
    expect(after.size).toBe(before.size + 4);
    before.forEach((cidr, key) => expect(after.get(key)).toBe(cidr));
    allValidAndUnique([...after.values()]);
  });

  it("depend on the key, not on the position: a data centre inserted first moves no one else", () => {
    const base = tunnelKeys(validateConfig(rawStackConfig("prod")));
    const before = allocateInsideCidrs(base);
    const after = allocateInsideCidrs([{ dataCentre: "new-dc", homeSite: "use1", tunnel: 1 }, ...base]);
    const moved = base.filter((k) => after.get(tunnelKeyText(k)) !== before.get(tunnelKeyText(k)));
    expect(moved).toEqual([]);
  });
});

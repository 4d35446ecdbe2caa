import { ConfigError, validateConfig } from "../../config";
import { rawStackConfig } from "../harness/config";

/**
 * prod with extra AWS sites (distinct names, regions, CIDRs and ASNs) up to `total` AWS sites, and
 * the security-group quota raised as a network of that size needs (so only the mesh is judged).
 */
function prodWithAwsSites(total: number) {
  const raw = rawStackConfig("prod");
  raw.awsQuotas = { ...raw.awsQuotas, securityGroupRulesPerDirection: 1000 };
  const template = raw.sites[0];
  const existing = raw.sites.filter((s: { kind: string }) => s.kind === "aws").length;
  const letters = (i: number) => String.fromCharCode(97 + Math.floor(i / 26)) + String.fromCharCode(97 + (i % 26));
  for (let i = 0; i < total - existing; i++) {
    raw.sites.push({
      ...template,
      name: `x${letters(i)}`,
      region: `xx-${letters(i)}-1`,
      cidr: `172.16.${i}.0/24`,
      asn: 64700 + i,
    });
    raw.rhel[0].amiIds[`xx-${letters(i)}-1`] = "ami-0123456789abcdef0";
  }
  return raw;
}

function issuesOf(raw: unknown): string[] {
  try {
    validateConfig(raw);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  }
}

describe("transit gateway peering quota", () => {
  it("defaults to AWS's 50 peering attachments per transit gateway", () => {
    expect(validateConfig(rawStackConfig("prod")).awsQuotas.transitGatewayPeeringsPerGateway).toBe(50);
  });

  it("accepts a full mesh of 51 AWS sites (50 peerings per gateway)", () => {
    expect(issuesOf(prodWithAwsSites(51))).toEqual([]);
  });

  it("refuses 52 AWS sites with a message that names the quota and the way out", () => {
    expect(issuesOf(prodWithAwsSites(52))).toEqual([
      expect.stringMatching(
        /^awsQuotas.transitGatewayPeeringsPerGateway: 52 AWS sites: 51 transit gateway peerings per gateway \(full mesh, 1326 in all\) needed; the account allows 50\. Raise the quota/,
      ),
    ]);
  });

  it("accepts 52 AWS sites once the raised quota is in config", () => {
    const raw = prodWithAwsSites(52);
    raw.awsQuotas = { ...raw.awsQuotas, transitGatewayPeeringsPerGateway: 60 };
    expect(issuesOf(raw)).toEqual([]);
  });
});

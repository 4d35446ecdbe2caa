import { ConfigError, validateConfig } from "../../config";
import { rawStackConfig } from "../harness/config";

type Raw = Record<string, any>;

/** Validation error text for a config, or "" when it is accepted. */
function errorOf(raw: Raw): string {
  try {
    validateConfig(raw);
    return "";
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
}

describe("the real stack configs", () => {
  it.each(["prod", "staging"] as const)("%s validates", (stack) => {
    expect(errorOf(rawStackConfig(stack))).toBe("");
  });

  it("fills documented defaults", () => {
    const raw = rawStackConfig("staging");
    delete raw.capacity;
    delete raw.ports.coreSip;
    const config = validateConfig(raw);
    expect(config.capacity).toEqual({ designLoadPercent: 40, scaleOutPercent: 60, maxLoadAfterFailurePercent: 80 });
    expect(config.ports.coreSip).toBe(5060);
  });
});

// Each case breaks one thing in the prod config and names the key the message must point at.
const cases: [string, (c: Raw) => void, string, RegExp?][] = [
  ["missing environment", (c) => delete c.environment, "callmyway-network:environment"],
  ["unknown environment", (c) => (c.environment = "qa"), "callmyway-network:environment"],
  ["misspelled top-level key", (c) => (c.carrier = c.carriers), "callmyway-network:", /unknown key\(s\) "carrier"/],
  ["misspelled site key", (c) => (c.sites[0].azcount = 3), "callmyway-network:sites[0]", /"azcount"/],
  ["site of unknown kind", (c) => (c.sites[1].kind = "gcp"), "callmyway-network:sites[1].kind"],
  ["malformed site CIDR", (c) => (c.sites[0].cidr = "10.10.0.0/33"), "callmyway-network:sites[0].cidr", /IPv4 CIDR/],
  ["site CIDR with host bits", (c) => (c.sites[2].cidr = "10.30.1.0/16"), "callmyway-network:sites[2].cidr"],
  [
    "AWS site CIDR too small",
    (c) => (c.sites[0].cidr = "10.10.0.0/26"),
    "callmyway-network:sites[0].cidr",
    /\/16 and \/24/,
  ],
  [
    "public site CIDR",
    (c) => (c.sites[2].cidr = "64.30.0.0/16"),
    "callmyway-network:sites[2].cidr",
    /not private \(RFC 1918/,
  ],
  [
    "public admin pool",
    (c) => (c.admin.clientCidr = "64.250.0.0/22"),
    "callmyway-network:admin.clientCidr",
    /not private/,
  ],
  [
    "security group quota below AWS's default",
    (c) => (c.awsQuotas = { ...c.awsQuotas, securityGroupRulesPerDirection: 30 }),
    "callmyway-network:awsQuotas.securityGroupRulesPerDirection",
  ],
  [
    "more carrier CIDRs than a security group holds",
    (c) => (c.carriers[0].signallingCidrs = Array.from({ length: 20 }, (_, i) => `64.16.${i}.0/28`)),
    "callmyway-network:awsQuotas.securityGroupRulesPerDirection",
    /security group use1\/sbc: 83 ingress rules needed; the account allows 60/,
  ],
  [
    "prod at AWS's default Elastic IP quota",
    (c) => delete c.awsQuotas.elasticIpsPerRegion,
    "callmyway-network:awsQuotas.elasticIpsPerRegion",
    /site use1 \(us-east-1\): 6 Elastic IPs \(3 NAT gateways \+ 3 SBCs\) needed; the account allows 5/,
  ],
  [
    "an SBC slot past the raised Elastic IP quota",
    (c) => (c.sites[0].pools.sbc.count = 6),
    "callmyway-network:awsQuotas.elasticIpsPerRegion",
    /site use1 \(us-east-1\): 9 Elastic IPs \(3 NAT gateways \+ 6 SBCs\) needed; the account allows 8/,
  ],
  [
    "fewer security groups per region than a site builds",
    (c) => (c.awsQuotas.securityGroupsPerRegion = 7),
    "callmyway-network:awsQuotas.securityGroupsPerRegion",
    /site use1 \(us-east-1\): 8 security groups needed; the account allows 7/,
  ],
  [
    "fewer interface endpoints per VPC than a site builds",
    (c) => (c.awsQuotas.interfaceEndpointsPerVpc = 4),
    "callmyway-network:awsQuotas.interfaceEndpointsPerVpc",
    /site use1 \(us-east-1\): 5 interface endpoints needed; the account allows 4/,
  ],
  [
    "fewer Client VPN routes than the admin destinations need",
    (c) => (c.awsQuotas.clientVpnRoutesPerAssociation = 1),
    "callmyway-network:awsQuotas.clientVpnRoutesPerAssociation",
    /the admin Client VPN in use1: 2 routes per subnet association needed; the account allows 1/,
  ],
  [
    "fewer Client VPN authorisations than the admin destinations need",
    (c) => (c.awsQuotas.clientVpnAuthorizationRulesPerEndpoint = 2),
    "callmyway-network:awsQuotas.clientVpnAuthorizationRulesPerEndpoint",
    /the admin Client VPN in use1: 3 authorisation rules needed; the account allows 2/,
  ],
  [
    "fewer Site-to-Site VPN connections than the data centres homed at a site",
    (c) => (c.awsQuotas.siteToSiteVpnConnectionsPerRegion = 1),
    "callmyway-network:awsQuotas.siteToSiteVpnConnectionsPerRegion",
    /Site-to-Site VPN connections \(data centres homed here\) needed; the account allows 1/,
  ],
  [
    "no NAT gateway quota at all",
    (c) => (c.awsQuotas.natGatewaysPerAz = 0),
    "callmyway-network:awsQuotas.natGatewaysPerAz",
  ],
  [
    "overlapping site CIDRs",
    (c) => (c.sites[1].cidr = "10.10.128.0/17"),
    "callmyway-network:sites[1].cidr",
    /overlaps 10\.10\.0\.0\/16/,
  ],
  [
    "data centre overlapping a site",
    (c) => (c.sites[3].cidr = "10.30.0.0/20"),
    "callmyway-network:sites[3].cidr",
    /overlaps/,
  ],
  [
    "admin pool overlapping a site",
    (c) => (c.admin.clientCidr = "10.20.0.0/22"),
    "callmyway-network:admin.clientCidr",
    /overlaps/,
  ],
  [
    "admin pool too large",
    (c) => (c.admin.clientCidr = "10.224.0.0/11"),
    "callmyway-network:admin.clientCidr",
    /\/12 and \/22/,
  ],
  ["duplicate site names", (c) => (c.sites[1].name = "use1"), "callmyway-network:sites[1].name", /used twice/],
  ["site name not DNS-safe", (c) => (c.sites[0].name = "US_East"), "callmyway-network:sites[0].name", /DNS-safe/],
  [
    "two AWS sites in one region",
    (c) => (c.sites[1].region = "us-east-1"),
    "callmyway-network:sites[1].region",
    /one AWS site per region/,
  ],
  ["malformed region", (c) => (c.sites[0].region = "virginia"), "callmyway-network:sites[0].region"],
  ["AZ count too low", (c) => (c.sites[0].azCount = 1), "callmyway-network:sites[0].azCount", /at least 2/],
  ["AZ count too high", (c) => (c.sites[0].azCount = 6), "callmyway-network:sites[0].azCount", /at most 3/],
  [
    "no AWS site at all",
    (c) => (c.sites = c.sites.filter((s: Raw) => s.kind === "onprem")),
    "callmyway-network:sites",
    /at least one site of kind aws/,
  ],
  [
    "VPN device with a private IP",
    (c) => (c.sites[3].vpnDevice.publicIp = "192.168.1.1"),
    "callmyway-network:sites[3].vpnDevice.publicIp",
    /public IPv4/,
  ],
  [
    "VPN device with a documentation IP",
    (c) => (c.sites[4].vpnDevice.publicIp = "203.0.113.7"),
    "callmyway-network:sites[4].vpnDevice.publicIp",
  ],
  [
    "public BGP ASN",
    (c) => (c.sites[3].vpnDevice.bgpAsn = 3356),
    "callmyway-network:sites[3].vpnDevice.bgpAsn",
    /private BGP ASN/,
  ],
  [
    "duplicate ASNs",
    (c) => (c.sites[4].vpnDevice.bgpAsn = c.sites[0].asn),
    "callmyway-network:sites[4].vpnDevice.bgpAsn",
    /used by another site/,
  ],
  [
    "home site that is not an AWS site",
    (c) => (c.sites[3].homeSites = ["mad-dc"]),
    "callmyway-network:sites[3].homeSites[0]",
    /not the name of an AWS site/,
  ],
  [
    "design load above scale-out",
    (c) => (c.capacity.designLoadPercent = 70),
    "callmyway-network:capacity.scaleOutPercent",
    /above the design load/,
  ],
  ["scale-out at 100%", (c) => (c.capacity.scaleOutPercent = 100), "callmyway-network:capacity.scaleOutPercent"],
  [
    "destination with one carrier",
    (c) => c.carriers[0].destinations.push("JP"),
    "callmyway-network:carriers",
    /destination JP has only one carrier/,
  ],
  ["only one carrier", (c) => (c.carriers = [c.carriers[0]]), "callmyway-network:carriers", /at least two carriers/],
  [
    "carrier allowlist of the whole internet",
    (c) => (c.carriers[1].signallingCidrs = ["0.0.0.0/0"]),
    "callmyway-network:carriers[1].signallingCidrs[0]",
  ],
  [
    "carrier allowlist with a private range",
    (c) => (c.carriers[2].mediaCidrs = ["10.0.0.0/24"]),
    "callmyway-network:carriers[2].mediaCidrs[0]",
    /public IPv4 CIDR/,
  ],
  [
    "customer CIDR malformed",
    (c) => (c.customers[0].sipCidrs = ["91.121.30.0"]),
    "callmyway-network:customers[0].sipCidrs[0]",
  ],
  [
    "wildcard RHEL pin",
    (c) => (c.rhel[0].amiName = "RHEL-9.4.0_HVM-*-x86_64"),
    "callmyway-network:rhel[0].amiName",
    /no wildcards/,
  ],
  ["RHEL owner not an account id", (c) => (c.rhel[0].owner = "redhat"), "callmyway-network:rhel[0].owner", /12-digit/],
  [
    "release without an image id for a region it runs in",
    (c) => delete c.rhel[0].amiIds["sa-east-1"],
    "callmyway-network:rhel[0].amiIds.sa-east-1",
    /runs in sa-east-1 but has no image id there: run `npm run pin-images/,
  ],
  [
    "pool on an unvalidated release",
    (c) => (c.sites[1].pools.core.rhel = "rhel-10.0"),
    "callmyway-network:sites[1].pools.core.rhel",
    /not a validated release/,
  ],
  [
    "web pool of one host",
    (c) => (c.sites[0].pools.web.min = 1),
    "callmyway-network:sites[0].pools.web.min",
    /at least two hosts/,
  ],
  [
    "a single SBC",
    (c) => (c.sites[2].pools.sbc.count = 1),
    "callmyway-network:sites[2].pools.sbc.count",
    /at least two SBCs/,
  ],
  [
    "pool max below min",
    (c) => (c.sites[0].pools.core.max = 2),
    "callmyway-network:sites[0].pools.core.max",
    /at least min/,
  ],
  [
    "burstable SBC",
    (c) => (c.sites[0].pools.sbc.instanceType = "t3.large"),
    "callmyway-network:sites[0].pools.sbc.instanceType",
    /burstable/,
  ],
  [
    "database in an unknown site",
    (c) => (c.database.site = "fra1"),
    "callmyway-network:database.site",
    /not the name of an AWS site/,
  ],
  [
    "replica in the primary's site",
    (c) => (c.database.replicaSite = "use1"),
    "callmyway-network:database.replicaSite",
    /another site/,
  ],
  [
    "PostgreSQL minor RDS no longer creates",
    (c) => (c.database.engineVersion = "16.4"),
    "callmyway-network:database.engineVersion",
    /does not create instances on 16\.4 .*choose one of 16\.9, 16\.10, 16\.11/,
  ],
  [
    "PostgreSQL major RDS does not offer",
    (c) => (c.database.engineVersion = "12.22"),
    "callmyway-network:database.engineVersion",
    /does not create instances on 12\.22/,
  ],
  [
    "shared-zone hostnames outside the zone",
    (c) => (c.dns.sharedZoneWebHostnames = ["www.example.org"]),
    "callmyway-network:dns.sharedZoneWebHostnames[0]",
    /not in the zone callmyway\.com/,
  ],
  [
    "shared-zone hostname that is prod's own",
    (c) => (c.dns.sharedZoneWebHostnames = ["www.callmyway.com"]),
    "callmyway-network:dns.sharedZoneWebHostnames[0]",
    /listed twice/,
  ],
  [
    "shared-zone hostnames in a subdomain stack",
    (c) => (c.dns.subdomain = "preprod"),
    "callmyway-network:dns.sharedZoneWebHostnames",
    /only the zone-apex stack/,
  ],
  [
    "PITR window too short",
    (c) => (c.database.backupRetentionDays = 3),
    "callmyway-network:database.backupRetentionDays",
    /at least 7 days/,
  ],
  [
    "isolated backups in a site's region",
    (c) => (c.backup.isolatedRegion = "eu-west-1"),
    "callmyway-network:backup.isolatedRegion",
    /region with no site/,
  ],
  [
    "vault lock cooling-off too short",
    (c) => (c.backup.vaultLock.changeableForDays = 1),
    "callmyway-network:backup.vaultLock.changeableForDays",
    /at least 3 days/,
  ],
  [
    "retention outside the vault lock",
    (c) => (c.backup.retentionDays.monthly = 800),
    "callmyway-network:backup.retentionDays.monthly",
    /outside the vault lock/,
  ],
  [
    "one escalation level",
    (c) => (c.monitoring.levels = [c.monitoring.levels[0]]),
    "callmyway-network:monitoring.levels",
    /at least two escalation levels/,
  ],
  [
    "subscriber that is not an e-mail",
    (c) => (c.monitoring.levels[1].emails = ["oncall"]),
    "callmyway-network:monitoring.levels[1].emails[0]",
  ],
  [
    "critical MOS above warning MOS",
    (c) => (c.monitoring.voiceQuality.mosCritical = 3.8),
    "callmyway-network:monitoring.voiceQuality.mosCritical",
    /below the warning MOS/,
  ],
  [
    "RTP range covering SIP",
    (c) => (c.ports.rtp = { from: 5000, to: 6000 }),
    "callmyway-network:ports.rtp",
    /5060\/5061/,
  ],
  ["Cloudflare zone id malformed", (c) => (c.dns.zoneId = "zone-1"), "callmyway-network:dns.zoneId", /32-character/],
  [
    "health check path not absolute",
    (c) => (c.dns.healthCheck.path = "healthz"),
    "callmyway-network:dns.healthCheck.path",
    /absolute URL path/,
  ],
  [
    "duplicate workstation",
    (c) => c.admin.workstations.push({ ...c.admin.workstations[0] }),
    "callmyway-network:admin.workstations[3].name",
    /listed twice/,
  ],
  [
    "pool size as a string",
    (c) => (c.sites[0].pools.web.max = "9"),
    "callmyway-network:sites[0].pools.web.max",
    /expected number/,
  ],
];

describe("malformed configs are refused with the key that is wrong", () => {
  it("covers well over 25 distinct mistakes", () => {
    expect(new Set(cases.map(([name]) => name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  const rows = cases.map(([name, mutate, key, message]) => ({ name, mutate, key, message }));
  it.each(rows)("$name", ({ mutate, key, message }) => {
    const raw = rawStackConfig("prod");
    mutate(raw);
    const text = errorOf(raw);
    expect(text).toMatch(/^Invalid stack config:/);
    const lines = text.split("\n").slice(1);
    const line = lines.find((l) => l.startsWith(`  - ${key}: `));
    expect({ key, line, lines }).toEqual({ key, line: expect.any(String), lines });
    if (message) expect(line).toMatch(message);
  });
});

// Synthetic stack configs of any size, built from the prod stack file as a template: every field the
// program may add later (pool settings, DNS, backups, ...) is carried over from prod, and only what
// scales with the network (sites, data centres, carriers, customers, workstations) is generated.
import { CONFIG_NAMESPACE, NetworkConfig, networkConfigSchema, validateConfig } from "../../config";
import { largestRuleCounts } from "../../config/relations";
import { hexFrom } from "../mocks/ids";
import { StackConfig, rawProjectConfig, readStackConfig } from "../stackConfig";

/**
 * Real commercial AWS regions, one AWS site each (the config refuses two sites in one region). The
 * region after the last site hosts the isolated backup copy, which must live where no site is.
 */
export const AWS_REGIONS: readonly string[] = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "ca-west-1", "mx-central-1", "sa-east-1",
  "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
  "me-south-1", "me-central-1", "il-central-1", "af-south-1", "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
  "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
  "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
];

/** The largest network the generator can build: one region stays free for the isolated backups. */
export const MAX_SYNTHETIC_SITES = AWS_REGIONS.length - 1;

/** 60+ countries of origination and termination (S16): every destination is on two carriers. */
const DESTINATIONS = (
  "US CA MX GT SV HN NI CR PA CO VE EC PE BO CL AR UY PY BR DO PR CU JM HT TT " +
  "ES PT FR DE IT GB IE NL BE CH AT PL RO SE NO DK FI GR TR MA DZ TN EG ZA NG KE " +
  "IN PK PH ID VN TH MY CN JP KR AU"
).split(" ");

/** How many of each scaling element a network of `sites` AWS sites has. */
export interface SyntheticShape {
  readonly sites: number;
  /** One own data centre per four AWS sites, each dual-homed. */
  readonly dataCentres: number;
  /** Two to four carriers, growing with the footprint. */
  readonly carriers: number;
  /** One customer allowlist per four sites. */
  readonly customers: number;
  /** One admin workstation per two sites. */
  readonly workstations: number;
}

export function syntheticShape(sites: number): SyntheticShape {
  if (!Number.isInteger(sites) || sites < 2 || sites > MAX_SYNTHETIC_SITES) {
    throw new Error(`a synthetic network needs 2 to ${MAX_SYNTHETIC_SITES} AWS sites (one per region, one region left for backups); got ${sites}`);
  }
  return {
    sites,
    dataCentres: Math.ceil(sites / 4),
    carriers: Math.min(4, Math.max(2, Math.ceil(sites / 8))),
    customers: Math.ceil(sites / 4),
    workstations: Math.ceil(sites / 2),
  };
}

type Raw = Record<string, any>;

function firstOfKind(sites: Raw[], kind: "aws" | "onprem"): Raw {
  const found = sites.find((s) => s.kind === kind);
  if (!found) throw new Error(`the template stack has no site of kind ${kind} to copy`);
  return found;
}

const pad = (i: number) => String(i + 1).padStart(2, "0");

/** The project's raw config (as validation sees it) for a network of `sites` AWS sites. */
export function syntheticRawConfig(sites: number, template: Raw = rawProjectConfig(readStackConfig("prod").values)): Raw {
  const shape = syntheticShape(sites);
  const awsTemplate = firstOfKind(template.sites, "aws");
  const dcTemplate = firstOfKind(template.sites, "onprem");

  const awsSites = AWS_REGIONS.slice(0, shape.sites).map((region, i) => ({
    ...awsTemplate,
    name: `site${pad(i)}`,
    region,
    cidr: `10.${i + 1}.0.0/16`,
    asn: 64512 + i,
  }));
  const dataCentres = Array.from({ length: shape.dataCentres }, (_, j) => ({
    ...dcTemplate,
    name: `dc${pad(j)}`,
    cidr: `10.${100 + j}.0.0/16`,
    vpnDevice: { ...dcTemplate.vpnDevice, publicIp: `85.62.${100 + j}.10`, bgpAsn: 65000 + j },
    homeSites: [awsSites[(4 * j) % sites].name, awsSites[(4 * j + 1) % sites].name],
  }));
  const carrierTemplate = template.carriers[0];
  const carriers = Array.from({ length: shape.carriers }, (_, k) => ({
    ...carrierTemplate,
    name: `carrier-${pad(k)}`,
    signallingCidrs: [`64.${16 + k}.10.0/28`],
    mediaCidrs: [`64.${16 + k}.64.0/24`],
    // Destination d rides on carriers d and d+1 (mod the count): exactly two carriers each.
    destinations: DESTINATIONS.filter((_, d) => d % shape.carriers === k || (d + 1) % shape.carriers === k),
  }));
  const customerTemplate = template.customers?.[0] ?? {};
  const customers = Array.from({ length: shape.customers }, (_, m) => ({
    ...customerTemplate,
    name: `customer-${pad(m)}`,
    sipCidrs: [`91.121.${30 + m}.0/29`],
  }));
  // Fields of the template that name its sites are dropped or pointed at the synthetic sites.
  const { srvPriorities: _sitePriorities, ...dnsWithoutPriorities } = template.dns;
  const dns = { ...dnsWithoutPriorities, fallbackSite: awsSites[0].name };

  const network: Raw = {
    ...template,
    environment: "prod",
    sites: [...awsSites, ...dataCentres],
    carriers,
    customers,
    admin: {
      ...template.admin,
      clientCidr: "10.250.0.0/22",
      vpnSite: awsSites[0].name,
      workstations: Array.from({ length: shape.workstations }, (_, w) => ({ name: `ws-${pad(w)}`, owner: `NOC seat ${w + 1}` })),
    },
    database: { ...template.database, site: awsSites[0].name, replicaSite: awsSites[1].name },
    dns,
    backup: { ...template.backup, isolatedRegion: AWS_REGIONS[shape.sites] },
    // Every region runs the template's releases and so needs a pinned id: a stand-in (the bench never deploys).
    rhel: template.rhel.map((r: Raw) => ({
      ...r,
      amiIds: Object.fromEntries(awsSites.map((s) => [s.region, r.amiIds?.[s.region] ?? `ami-${hexFrom(`${s.region}/${r.amiName}`, 17)}`])),
    })),
  };
  // As an operator growing this far does: raise the security-group rule quota to what the network
  // needs (counted as config validation counts it), never below AWS's default.
  const counts = largestRuleCounts(networkConfigSchema.parse(network));
  return { ...network, awsQuotas: { ...template.awsQuotas, securityGroupRulesPerDirection: Math.max(60, counts.core, counts.sbc) } };
}

/** A stack config for the offline plan: the template stack's provider keys plus the synthetic project config. */
export function syntheticStackConfig(sites: number, templateStack = "prod"): StackConfig {
  const base = readStackConfig(templateStack);
  const raw = syntheticRawConfig(sites, rawProjectConfig(base.values));
  const prefix = `${CONFIG_NAMESPACE}:`;
  const values: Record<string, string> = Object.fromEntries(Object.entries(base.values).filter(([k]) => !k.startsWith(prefix)));
  for (const [key, value] of Object.entries(raw)) values[prefix + key] = typeof value === "string" ? value : JSON.stringify(value);
  return { stack: `bench-${sites}`, values, secretKeys: base.secretKeys };
}

/** The validated synthetic config (throws a ConfigError naming the key when the generator is out of step with the schema). */
export function syntheticConfig(sites: number): NetworkConfig {
  return validateConfig(syntheticRawConfig(sites));
}

// Checks between fields of a config whose shape is already valid.
import { isPrivate, mustParseCidr, overlaps } from "../lib/ipv4";
import { buildModel } from "../lib/model";
import { quotasExceeded } from "../lib/model/quotas";
import { rdsPostgresRefusal } from "../lib/lifecycle/rdsPostgres";
import { NetworkConfig } from "./schema";
import { regionalLossRelations } from "./regionalLossRelations";
import { restoreScheduleRelations } from "./restoreSchedule";
import { rolloutRelations } from "./rolloutRelations";
import { voiceRelations } from "./voiceRelations";

export interface ConfigIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

type Check = (config: NetworkConfig) => ConfigIssue[];

function duplicates<T>(items: T[], key: (item: T) => string): number[] {
  const seen = new Set<string>();
  return items.flatMap((item, index) => {
    const k = key(item);
    if (seen.has(k)) return [index];
    seen.add(k);
    return [];
  });
}

const uniqueSiteNames: Check = (c) =>
  duplicates(c.sites, (s) => s.name).map((i) => ({
    path: ["sites", i, "name"],
    message: `site name "${c.sites[i].name}" is used twice; site names must be unique`,
  }));

const atLeastOneAwsSite: Check = (c) =>
  c.sites.some((s) => s.kind === "aws")
    ? []
    : [{ path: ["sites"], message: "at least one site of kind aws is required" }];

const oneAwsSitePerRegion: Check = (c) => {
  const aws = c.sites.flatMap((s, i) => (s.kind === "aws" ? [{ s, i }] : []));
  return duplicates(aws, ({ s }) => s.region).map((d) => ({
    path: ["sites", aws[d].i, "region"],
    message: `region ${aws[d].s.region} already holds an AWS site; one AWS site per region`,
  }));
};

const cidrsDoNotOverlap: Check = (c) => {
  const blocks: { path: (string | number)[]; cidr: string }[] = [
    ...c.sites.map((s, i) => ({ path: ["sites", i, "cidr"], cidr: s.cidr })),
    { path: ["admin", "clientCidr"], cidr: c.admin.clientCidr },
  ];
  const issues: ConfigIssue[] = [];
  blocks.forEach((b, i) => {
    const clash = blocks.slice(0, i).find((other) => overlaps(mustParseCidr(other.cidr), mustParseCidr(b.cidr)));
    if (clash) {
      issues.push({
        path: b.path,
        message: `${b.cidr} overlaps ${clash.cidr} (${clash.path.join(".")}); address blocks must not overlap`,
      });
    }
  });
  return issues;
};

// Sites and the admin pool live in private space: they are routed only over VPN and transit, and the
// network ACLs summarise them per RFC 1918 range.
const privateAddressPlan: Check = (c) => [
  ...c.sites.flatMap((s, i) =>
    isPrivate(mustParseCidr(s.cidr))
      ? []
      : [{ path: ["sites", i, "cidr"], message: `${s.cidr} is not private (RFC 1918: 10/8, 172.16/12, 192.168/16)` }],
  ),
  ...(isPrivate(mustParseCidr(c.admin.clientCidr))
    ? []
    : [{ path: ["admin", "clientCidr"], message: `${c.admin.clientCidr} is not private (RFC 1918)` }]),
];

// Each AWS site's CIDR is carved into 4 tiers x 4 AZ slots, so it needs room for 16 subnets of /28 or more.
const awsSiteCidrSize: Check = (c) =>
  c.sites.flatMap((s, i) => {
    if (s.kind !== "aws") return [];
    const prefix = mustParseCidr(s.cidr).prefix;
    return prefix >= 16 && prefix <= 24
      ? []
      : [
          {
            path: ["sites", i, "cidr"],
            message: `an AWS site CIDR must be between /16 and /24 (AWS VPC limits and 16 subnets); got /${prefix}`,
          },
        ];
  });

const uniqueAsns: Check = (c) => {
  const asns = c.sites.map((s, i) => ({
    asn: s.kind === "aws" ? s.asn : s.vpnDevice.bgpAsn,
    path: s.kind === "aws" ? ["sites", i, "asn"] : ["sites", i, "vpnDevice", "bgpAsn"],
  }));
  return duplicates(asns, (a) => String(a.asn)).map((d) => ({
    path: asns[d].path,
    message: `BGP ASN ${asns[d].asn} is used by another site; every site needs its own ASN`,
  }));
};

function awsSiteRef(c: NetworkConfig, name: string | undefined, path: (string | number)[]): ConfigIssue[] {
  if (name === undefined) return [];
  return c.sites.some((s) => s.kind === "aws" && s.name === name)
    ? []
    : [{ path, message: `"${name}" is not the name of an AWS site` }];
}

const references: Check = (c) => [
  ...awsSiteRef(c, c.admin.vpnSite, ["admin", "vpnSite"]),
  ...awsSiteRef(c, c.database.site, ["database", "site"]),
  ...awsSiteRef(c, c.database.replicaSite, ["database", "replicaSite"]),
  ...(c.database.replicaSite !== undefined && c.database.replicaSite === c.database.site
    ? [{ path: ["database", "replicaSite"], message: "the read replica must live in another site than the primary" }]
    : []),
  ...c.sites.flatMap((s, i) =>
    s.kind === "onprem" && s.homeSites
      ? [
          ...s.homeSites.flatMap((h, j) => awsSiteRef(c, h, ["sites", i, "homeSites", j])),
          ...duplicates(s.homeSites, (h) => h).map((j) => ({
            path: ["sites", i, "homeSites", j],
            message: "a data centre's two home sites must differ",
          })),
        ]
      : [],
  ),
  ...Object.keys(c.dns.srvPriorities ?? {}).flatMap((k) => awsSiteRef(c, k, ["dns", "srvPriorities", k])),
  ...awsSiteRef(c, c.dns.fallbackSite, ["dns", "fallbackSite"]),
];

// Cloudflare retries a timed-out probe at once; a probe and its retries must end before the next interval.
const healthCheckTiming: Check = (c) => {
  const { intervalSeconds: interval, timeoutSeconds: timeout, retries } = c.dns.healthCheck;
  return timeout * (retries + 1) < interval
    ? []
    : [
        {
          path: ["dns", "healthCheck", "intervalSeconds"],
          message: `interval (${interval} s) must exceed timeout x (retries + 1) = ${timeout * (retries + 1)} s, or probes overlap`,
        },
      ];
};

// Every quota the network counts against (lib/model/quotas.ts), counted on the model itself. The
// model needs valid references; a config without them is refused by those checks alone.
const quotas: Check = (c) => {
  if (references(c).length > 0 || atLeastOneAwsSite(c).length > 0) return [];
  return quotasExceeded(buildModel(c), c.awsQuotas).map((use) => ({
    path: ["awsQuotas", use.key],
    message: `${use.where}: ${use.needed} ${use.what} needed; the account allows ${c.awsQuotas[use.key]}. Raise the quota in Service Quotas and this key together`,
  }));
};

const rhelPins: Check = (c) => {
  const names = new Set(c.rhel.map((r) => r.name));
  // Every region a release runs in needs its pinned id (S13: no image look-up at deploy time).
  const missingIds = c.rhel.flatMap((release, i) => {
    const regions = [
      ...new Set(
        c.sites.flatMap((s) =>
          s.kind === "aws" && Object.values(s.pools).some((p) => p.rhel === release.name) ? [s.region] : [],
        ),
      ),
    ];
    return regions
      .filter((region) => release.amiIds?.[region] === undefined)
      .map((region) => ({
        path: ["rhel", i, "amiIds", region],
        message: `release "${release.name}" runs in ${region} but has no image id there: run \`npm run pin-images -- --stack <stack>\``,
      }));
  });
  return [
    ...missingIds,
    ...duplicates(c.rhel, (r) => r.name).map((i) => ({
      path: ["rhel", i, "name"],
      message: `release "${c.rhel[i].name}" is listed twice`,
    })),
    ...c.sites.flatMap((s, i) =>
      s.kind !== "aws"
        ? []
        : (["sbc", "web", "core"] as const).flatMap((tier) =>
            names.has(s.pools[tier].rhel)
              ? []
              : [
                  {
                    path: ["sites", i, "pools", tier, "rhel"],
                    message: `"${s.pools[tier].rhel}" is not a validated release in rhel (known: ${[...names].join(", ")})`,
                  },
                ],
          ),
    ),
  ];
};

const poolBounds: Check = (c) =>
  c.sites.flatMap((s, i) =>
    s.kind !== "aws"
      ? []
      : (["web", "core"] as const).flatMap((tier) =>
          s.pools[tier].max >= s.pools[tier].min
            ? []
            : [
                {
                  path: ["sites", i, "pools", tier, "max"],
                  message: `max (${s.pools[tier].max}) must be at least min (${s.pools[tier].min})`,
                },
              ],
        ),
  );

const capacityOrder: Check = (c) => {
  const { designLoadPercent: d, scaleOutPercent: s, maxLoadAfterFailurePercent: m } = c.capacity;
  return [
    ...(d < s
      ? []
      : [
          {
            path: ["capacity", "scaleOutPercent"],
            message: `scale-out threshold (${s}%) must be above the design load (${d}%)`,
          },
        ]),
    ...(s < m
      ? []
      : [
          {
            path: ["capacity", "maxLoadAfterFailurePercent"],
            message: `the after-failure ceiling (${m}%) must be above the scale-out threshold (${s}%)`,
          },
        ]),
  ];
};

const twoCarriersPerDestination: Check = (c) => {
  const carriersByDestination = new Map<string, string[]>();
  c.carriers.forEach((carrier) =>
    carrier.destinations.forEach((d) =>
      carriersByDestination.set(d, [...(carriersByDestination.get(d) ?? []), carrier.name]),
    ),
  );
  return [
    ...duplicates(c.carriers, (x) => x.name).map((i) => ({
      path: ["carriers", i, "name"],
      message: `carrier "${c.carriers[i].name}" is listed twice`,
    })),
    ...[...carriersByDestination.entries()]
      .filter(([, names]) => new Set(names).size < 2)
      .map(([destination, names]) => ({
        path: ["carriers"],
        message: `destination ${destination} has only one carrier (${names[0]}); every destination needs at least two for failover at call setup`,
      })),
  ];
};

const uniqueNames: Check = (c) => [
  ...duplicates(c.customers, (x) => x.name).map((i) => ({
    path: ["customers", i, "name"],
    message: `customer "${c.customers[i].name}" is listed twice`,
  })),
  ...duplicates(c.admin.workstations, (x) => x.name).map((i) => ({
    path: ["admin", "workstations", i, "name"],
    message: `workstation "${c.admin.workstations[i].name}" is listed twice`,
  })),
  ...duplicates(c.monitoring.levels, (x) => x.name).map((i) => ({
    path: ["monitoring", "levels", i, "name"],
    message: `escalation level "${c.monitoring.levels[i].name}" is listed twice`,
  })),
  ...duplicates(c.dns.webHostnames, (x) => x).map((i) => ({
    path: ["dns", "webHostnames", i],
    message: `web hostname "${c.dns.webHostnames[i]}" is listed twice`,
  })),
];

const portRanges: Check = (c) => {
  const { rtp, coreSip, coreApi } = c.ports;
  return [
    ...(rtp.from <= rtp.to
      ? []
      : [{ path: ["ports", "rtp", "to"], message: `RTP range ends (${rtp.to}) before it starts (${rtp.from})` }]),
    ...([5060, 5061].some((p) => p >= rtp.from && p <= rtp.to)
      ? [{ path: ["ports", "rtp"], message: "the RTP range must not include the SIP ports 5060/5061" }]
      : []),
    ...(coreSip !== coreApi
      ? []
      : [{ path: ["ports", "coreApi"], message: "the core API port must differ from the core SIP port" }]),
  ];
};

const backupRules: Check = (c) => {
  const { retentionDays: r, vaultLock: lock, isolatedRegion } = c.backup;
  const issues: ConfigIssue[] = [];
  const siteRegion = c.sites.find((s) => s.kind === "aws" && s.region === isolatedRegion);
  if (siteRegion) {
    issues.push({
      path: ["backup", "isolatedRegion"],
      message: `${isolatedRegion} hosts site ${siteRegion.name}; the isolated copy must live in a region with no site`,
    });
  }
  if (lock.minRetentionDays > lock.maxRetentionDays) {
    issues.push({
      path: ["backup", "vaultLock", "maxRetentionDays"],
      message: "the vault lock's maximum retention is below its minimum",
    });
  }
  if (!(r.daily <= r.weekly && r.weekly <= r.monthly)) {
    issues.push({
      path: ["backup", "retentionDays"],
      message: "retention must not shrink from daily to weekly to monthly",
    });
  }
  (["daily", "weekly", "monthly"] as const).forEach((rule) => {
    if (r[rule] < lock.minRetentionDays || r[rule] > lock.maxRetentionDays) {
      issues.push({
        path: ["backup", "retentionDays", rule],
        message: `${r[rule]} days is outside the vault lock's ${lock.minRetentionDays}-${lock.maxRetentionDays} days; the isolated vault would refuse the copy`,
      });
    }
  });
  return issues;
};

const monitoringThresholds: Check = (c) =>
  c.monitoring.voiceQuality.mosCritical < c.monitoring.voiceQuality.mosWarn
    ? []
    : [
        {
          path: ["monitoring", "voiceQuality", "mosCritical"],
          message: "the critical MOS must be below the warning MOS",
        },
      ];

const databaseStorage: Check = (c) =>
  c.database.maxAllocatedStorageGb >= c.database.allocatedStorageGb
    ? []
    : [
        {
          path: ["database", "maxAllocatedStorageGb"],
          message: "storage autoscaling ceiling is below the allocated storage",
        },
      ];

const sharedZoneWebHostnames: Check = (c) => {
  const { subdomain, zone, sharedZoneWebHostnames: shared, webHostnames } = c.dns;
  if (subdomain && shared.length > 0) {
    return [
      {
        path: ["dns", "sharedZoneWebHostnames"],
        message:
          "only the zone-apex stack (no subdomain) owns the zone's configuration rules; list these hostnames in its config",
      },
    ];
  }
  const own = new Set(webHostnames.map((h) => `${h}.${zone}`));
  return shared.flatMap((host, i) =>
    !host.endsWith(`.${zone}`)
      ? [{ path: ["dns", "sharedZoneWebHostnames", i], message: `"${host}" is not in the zone ${zone}` }]
      : own.has(host) || shared.indexOf(host) !== i
        ? [
            {
              path: ["dns", "sharedZoneWebHostnames", i],
              message: `"${host}" is listed twice (or is one of this stack's own web hostnames)`,
            },
          ]
        : [],
  );
};

const databaseEngineCreatable: Check = (c) => {
  const refusal = rdsPostgresRefusal(c.database.engineVersion);
  return refusal ? [{ path: ["database", "engineVersion"], message: refusal }] : [];
};

export const RELATION_CHECKS: Check[] = [
  uniqueSiteNames,
  atLeastOneAwsSite,
  oneAwsSitePerRegion,
  cidrsDoNotOverlap,
  privateAddressPlan,
  awsSiteCidrSize,
  uniqueAsns,
  references,
  quotas,
  rhelPins,
  healthCheckTiming,
  poolBounds,
  capacityOrder,
  twoCarriersPerDestination,
  uniqueNames,
  portRanges,
  backupRules,
  monitoringThresholds,
  databaseStorage,
  databaseEngineCreatable,
  sharedZoneWebHostnames,
  voiceRelations,
  rolloutRelations,
  regionalLossRelations,
  restoreScheduleRelations,
];

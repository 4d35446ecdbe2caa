// The shape of a stack's config. Relations between fields (overlaps, references, counts per
// destination) are checked in relations.ts once the shape is known to be right.
import { z } from "zod";
import { isPublic, parseCidr, parseIp } from "../lib/ipv4";

// abort: later refinements read the parsed CIDR, so they must not run on a malformed one.
const cidr = z.string().refine((v) => parseCidr(v) !== undefined, {
  error: "expected an IPv4 CIDR in network form, e.g. 10.10.0.0/16",
  abort: true,
});

/** A CIDR on the public internet that a firewall may open to: public, and no wider than /8. */
const publicCidr = cidr
  .refine((v) => isPublic(parseCidr(v)!), {
    error: "expected a public IPv4 CIDR (not private, loopback, link-local, CGNAT, documentation or multicast)",
    abort: true,
  })
  .refine((v) => parseCidr(v)!.prefix >= 8, { error: "a CIDR wider than /8 is not an allowlist" });

const dnsLabel = z.string().regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, {
  error: "expected a DNS-safe name: lowercase letters, digits and '-', 2-32 characters, starting with a letter",
});

const domain = z
  .string()
  .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/, { error: "expected a DNS domain such as example.com" });

const awsRegion = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, { error: "expected an AWS region such as eu-west-1" });

const instanceType = z
  .string()
  .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { error: "expected an EC2 instance type such as m6i.large" });

const cloudflareId = z.string().regex(/^[0-9a-f]{32}$/, { error: "expected a 32-character hexadecimal Cloudflare id" });

/** Private ASNs only (RFC 6996): 16-bit 64512-65534 and 32-bit 4200000000-4294967294. */
const privateAsn = z
  .number()
  .int()
  .refine((n) => (n >= 64512 && n <= 65534) || (n >= 4200000000 && n <= 4294967294), {
    error: "expected a private BGP ASN (64512-65534 or 4200000000-4294967294)",
  });

const percent = z.number().gt(0).lt(100);

const releaseName = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, { error: "expected a release name such as rhel-9.4" });

const sbcPool = z
  .object({
    /** Fixed count: SBC IPs are registered with carriers, so SBC growth is a config change. */
    count: z.number().int().min(2, { error: "at least two SBCs per site (every service on two servers)" }),
    instanceType: instanceType.refine((t) => !/^t\d/.test(t), {
      error: "SBCs need sustained CPU and enhanced networking: burstable t* types are not allowed",
    }),
    rhel: releaseName,
  })
  .strict();

const scalingPool = z
  .object({
    min: z.number().int().min(2, { error: "a pool needs at least two hosts (every service on two servers)" }),
    max: z.number().int().min(2),
    instanceType,
    rhel: releaseName,
  })
  .strict();

const awsSite = z
  .object({
    name: dnsLabel,
    kind: z.literal("aws"),
    region: awsRegion,
    cidr,
    azCount: z.number().int().min(2, { error: "at least 2 AZs per site" }).max(3, { error: "at most 3 AZs per site" }),
    /** "perAz" (default) keeps egress up when an AZ is lost; "single" saves cost in staging. */
    natGateways: z.enum(["perAz", "single"]).default("perAz"),
    /** Amazon-side ASN of the site's transit gateway. */
    asn: privateAsn,
    pools: z.object({ sbc: sbcPool, web: scalingPool, core: scalingPool }).strict(),
  })
  .strict();

const onpremSite = z
  .object({
    name: dnsLabel,
    kind: z.literal("onprem"),
    cidr,
    vpnDevice: z
      .object({
        publicIp: z.string().refine((v) => parseIp(v) !== undefined && isPublic({ base: parseIp(v)!, prefix: 32 }), {
          error: "expected the public IPv4 address of the VPN device (not private or reserved)",
        }),
        bgpAsn: privateAsn,
      })
      .strict(),
    /** AWS sites the data centre connects to, in order; default: the first two AWS sites. One listed site is completed with the first other AWS site (always dual-homed). */
    homeSites: z.array(dnsLabel).min(1).max(2).optional(),
  })
  .strict();

const site = z.discriminatedUnion("kind", [awsSite, onpremSite], {
  error: 'expected a site with kind "aws" or "onprem"',
});

const dns = z
  .object({
    zone: domain,
    accountId: cloudflareId,
    zoneId: cloudflareId,
    /** Label under the zone that holds every name of this stack (staging: "staging"); none for prod. */
    subdomain: dnsLabel.optional(),
    webHostnames: z.array(dnsLabel).min(1),
    /** Label of the SIP domain under the zone (or subdomain). */
    sipLabel: dnsLabel.default("sip"),
    sbcRecordTtl: z.number().int().min(60).max(86400).default(60),
    srvTtl: z.number().int().min(60).max(86400).default(300),
    healthCheck: z
      .object({
        path: z.string().regex(/^\/[\x21-\x7e]*$/, { error: "expected an absolute URL path such as /healthz" }),
        /** Cloudflare monitor limits: 10-3600 s on Enterprise, 15-3600 s on other plans. */
        intervalSeconds: z
          .number()
          .int()
          .min(10, { error: "Cloudflare monitors run at most every 10 s (15 s below Enterprise)" })
          .max(3600),
        timeoutSeconds: z.number().int().min(1).max(10),
        retries: z.number().int().min(0).max(5),
      })
      .strict(),
    notificationEmail: z.email(),
    /** Optional SRV priority per AWS site (lower is preferred); default all equal. */
    srvPriorities: z.record(z.string(), z.number().int().min(0).max(65535)).optional(),
    /** AWS site whose web pool takes traffic when every pool is unhealthy; default: the first AWS site. */
    fallbackSite: dnsLabel.optional(),
    /**
     * Order an advanced edge certificate for `*.<subdomain>.<zone>` (needs Cloudflare's Advanced
     * Certificate Manager add-on). Universal SSL covers one label below the zone only, and Total TLS
     * skips Load Balancing hostnames, so a subdomain stack's web names need it. Default false.
     */
    advancedCertificate: z.boolean().default(false),
    /**
     * Web hostnames of the other stacks in this zone (`www.staging.callmyway.com`): the zone's one
     * configuration-rules ruleset belongs to the apex stack (no `subdomain`), which pins their SSL mode too.
     */
    sharedZoneWebHostnames: z.array(domain).default([]),
  })
  .strict();

const carrier = z
  .object({
    name: dnsLabel,
    signallingCidrs: z.array(publicCidr).min(1),
    mediaCidrs: z.array(publicCidr).min(1),
    /** Where the SBCs send this carrier's calls and OPTIONS probes ("ip:port"); default port 5060 of the first address of each signalling CIDR. */
    gateways: z
      .array(
        z
          .string()
          .regex(/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/, { error: "expected a gateway as ip:port, e.g. 64.16.10.1:5060" }),
      )
      .min(1)
      .optional(),
    /** Destinations (ISO 3166 country code, optionally a suffix such as MX-MOBILE); list order is preference. */
    destinations: z
      .array(z.string().regex(/^[A-Z]{2}(-[A-Z0-9]+)?$/, { error: "expected a destination such as MX or MX-MOBILE" }))
      .min(1),
  })
  .strict();

/** Voice-quality thresholds (S14); a customer may override any of them, the rest stay global. */
const voiceQualityFields = {
  mosWarn: z.number().min(1).max(5),
  mosCritical: z.number().min(1).max(5),
  jitterMs: z.number().positive(),
  packetLossPercent: z.number().positive().max(100),
  latencyMs: z.number().positive(),
};

const customer = z
  .object({
    name: dnsLabel,
    sipCidrs: z.array(publicCidr).min(1),
    voiceQuality: z.object(voiceQualityFields).partial().strict().optional(),
  })
  .strict();

const admin = z
  .object({
    /** Client VPN address pool: AWS allows /12 to /22; must not overlap any site. */
    clientCidr: cidr.refine((v) => parseCidr(v)!.prefix >= 12 && parseCidr(v)!.prefix <= 22, {
      error: "the Client VPN client CIDR must be between /12 and /22",
    }),
    /** AWS site that hosts the Client VPN endpoint; default: the first AWS site. */
    vpnSite: dnsLabel.optional(),
    workstations: z.array(z.object({ name: dnsLabel, owner: z.string().min(1) }).strict()).min(1),
  })
  .strict();

const capacity = z
  .object({
    designLoadPercent: percent.default(40),
    scaleOutPercent: percent.default(60),
    /** The document promises service up to this load after a failure. */
    maxLoadAfterFailurePercent: percent.default(80),
  })
  .strict();

const rhelRelease = z
  .object({
    name: releaseName,
    amiName: z.string().regex(/^[A-Za-z0-9._()/ -]+$/, {
      error: "expected an exact AMI name (no wildcards such as * or ?)",
    }),
    /** Red Hat's AWS account that publishes the image. */
    owner: z.string().regex(/^\d{12}$/, { error: "expected a 12-digit AWS account id" }),
    /**
     * The exact image id of this release in each region (written by `npm run pin-images`, reviewed,
     * committed). Required for every region a site runs the release in: the program never looks images up.
     */
    amiIds: z
      .record(
        awsRegion,
        z.string().regex(/^ami-[0-9a-f]{8,17}$/, { error: "expected an AMI id such as ami-0123456789abcdef0" }),
      )
      .optional(),
  })
  .strict();

const database = z
  .object({
    site: dnsLabel,
    instanceClass: z
      .string()
      .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, { error: "expected an RDS class such as db.r6g.large" }),
    engineVersion: z.string().regex(/^\d+\.\d+$/, { error: "expected an exact PostgreSQL version such as 16.11" }),
    allocatedStorageGb: z.number().int().min(20).max(65536),
    maxAllocatedStorageGb: z.number().int().min(20).max(65536),
    backupRetentionDays: z.number().int().min(7, { error: "point-in-time recovery needs at least 7 days" }).max(35),
    /** Optional cross-region read replica in another AWS site. */
    replicaSite: dnsLabel.optional(),
  })
  .strict();

/**
 * The regional-loss runbook as config (docs/ARCHITECTURE.md "Losing a region"): each key is one reviewed
 * step that plans and applies without the lost region's APIs.
 */
const regionalLoss = z
  .object({
    /** Step 1: AWS sites whose region is down: withdrawn from the Cloudflare pools and the SRV/NAPTR answers. */
    lostSites: z.array(dnsLabel).min(1),
    /** Step 3: the cross-region replica (database.replicaSite) is promoted to primary. */
    promoteReplica: z.boolean().default(false),
    /** Step 4, once the region is back: a new replica of the promoted primary, in this site. */
    replicaSite: dnsLabel.optional(),
  })
  .strict();

const retention = z.number().int().min(1).max(36500);

const backup = z
  .object({
    isolatedRegion: awsRegion,
    /** Role in a separate backup account to assume for the isolated vault. */
    isolatedAccountRoleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, { error: "expected an IAM role ARN" })
      .optional(),
    retentionDays: z.object({ daily: retention, weekly: retention, monthly: retention }).strict(),
    schedules: z
      .object({ daily: z.string(), weekly: z.string(), monthly: z.string() })
      .strict()
      .default({ daily: "cron(0 3 * * ? *)", weekly: "cron(0 4 ? * SUN *)", monthly: "cron(0 5 1 * ? *)" }),
    vaultLock: z
      .object({
        changeableForDays: z.number().int().min(3, { error: "compliance mode needs a cooling-off of at least 3 days" }),
        minRetentionDays: retention,
        maxRetentionDays: retention,
      })
      .strict(),
    /**
     * AWS Backup restore testing: on this schedule each site restores its latest recovery points (the
     * database, the core volumes), so a restore is proven, not assumed; a failed one reaches the NOC.
     * Ranges: https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingPlanForCreate.html
     * and API_RestoreTestingSelectionForCreate.html.
     */
    restoreTesting: z
      .object({
        schedule: z
          .string()
          .regex(/^(cron|rate)\(.+\)$/, { error: "expected a cron() or rate() expression" })
          .default("cron(0 6 ? * SUN *)"),
        /** Recovery points of the last this many days are candidates (the latest is restored). */
        selectionWindowDays: z.number().int().min(1).max(365).default(7),
        /** Hours a restored copy is kept for checks before AWS Backup deletes it. */
        validationWindowHours: z.number().int().min(1).max(168).default(4),
      })
      .strict()
      .default({ schedule: "cron(0 6 ? * SUN *)", selectionWindowDays: 7, validationWindowHours: 4 }),
  })
  .strict();

const monitoring = z
  .object({
    /** Escalation levels in order: alarms start at the first, a sustained alarm goes to the next. */
    levels: z
      .array(
        z
          .object({
            name: dnsLabel,
            emails: z.array(z.email()).min(1),
            escalateAfterMinutes: z.number().int().min(1).max(1440),
          })
          .strict(),
      )
      .min(2, { error: "at least two escalation levels (NOC, then a higher level)" }),
    voiceQuality: z
      .object({
        mosWarn: voiceQualityFields.mosWarn.default(3.6),
        mosCritical: voiceQualityFields.mosCritical.default(3.1),
        jitterMs: voiceQualityFields.jitterMs.default(30),
        packetLossPercent: voiceQualityFields.packetLossPercent.default(1),
        latencyMs: voiceQualityFields.latencyMs.default(150),
      })
      .strict()
      .default({ mosWarn: 3.6, mosCritical: 3.1, jitterMs: 30, packetLossPercent: 1, latencyMs: 150 }),
  })
  .strict();

const port = z.number().int().min(1).max(65535);

/** An exact upstream release (5.6.3), never "latest" or a range: the hosts and `npm run test:voice` run the same one. */
const packageVersion = z
  .string()
  .regex(/^\d+(\.\d+){1,3}$/, { error: 'expected an exact version such as 5.6.3 (never "latest" or a range)' });
const sbcPackages = z.object({ kamailio: packageVersion, rtpengine: packageVersion }).strict();

/** The SBC software (S5, S14, S15): its versions, probing, call setup, drain and flood limits. */
const voice = z
  .object({
    /** The validated versions every SBC runs, except the slots that `rollout` has moved. */
    packages: sbcPackages,
    /** SIP OPTIONS to every carrier gateway and to the core, every this many seconds. */
    probeIntervalSeconds: z.number().int().min(1).max(300).default(5),
    /** Unanswered probes before a target leaves rotation; answered ones before it comes back. */
    probeFailuresToRemove: z.number().int().min(1).max(10).default(2),
    probeSuccessesToRestore: z.number().int().min(1).max(10).default(1),
    /** A carrier that sends no reply within this many seconds is skipped for the next (instead of Timer B's 32 s). */
    setupTimeoutSeconds: z
      .number()
      .min(1)
      .max(10, { error: "a setup timeout above 10 s is not failover, it is Timer B" })
      .default(3),
    ringTimeoutSeconds: z.number().int().min(10).max(300).default(120),
    /** Drain before replace: the longest a draining SBC waits for its calls to end before it is replaced anyway. */
    drainLimitMinutes: z.number().int().min(1).max(240).default(30),
    flood: z
      .object({
        requestsPerSecond: z.number().int().min(5).max(10000).default(30),
        banSeconds: z.number().int().min(10).max(86400).default(300),
      })
      .strict()
      .default({ requestsPerSecond: 30, banSeconds: 300 }),
    tlsPort: port.default(5061),
    /** rtpengine's control port, on the SBC's loopback only. */
    rtpengineControlPort: port.default(2223),
    /** E.164 prefixes of destinations with a suffix (MX-MOBILE: "521"); countries are known. */
    destinationPrefixes: z
      .record(z.string(), z.string().regex(/^\d{1,6}$/, { error: "expected E.164 digits such as 521" }))
      .default({}),
    /** Escalation level told to contact a customer whose calls' quality drops (S14); default: the first level. */
    customerContactLevel: dnsLabel.optional(),
    /**
     * Calls one SBC is sized for (its configured call capacity); the capacity figure sets the calls per SBC
     * after a loss against it and against the RTP range (config/voiceRelations.ts: it must fit the range).
     */
    callCapacityPerSbc: z.number().int().min(1).max(100000).default(2000),
    /**
     * A new SBC release (image, packages or both) reaching the sites one slot at a time (S5). `slots`: per
     * site, the slots (1-based) that have moved and are back in service; `moving`: per site, the one slot
     * replaced in this step (it must be in `drained`). The others stay on the site's base release
     * (`pools.sbc.rhel`, `voice.packages`). Finish by making the new release the base and removing `rollout`.
     */
    rollout: z
      .object({
        rhel: releaseName.optional(),
        packages: sbcPackages.optional(),
        slots: z.record(dnsLabel, z.array(z.number().int().min(1))).default({}),
        moving: z.record(dnsLabel, z.number().int().min(1)).default({}),
      })
      .strict()
      .refine((r) => r.rhel !== undefined || r.packages !== undefined, {
        error: "a rollout names the new release: rhel, packages or both",
      })
      .optional(),
    /**
     * Drain before replace (S5): per site, the slots (1-based) in drain mode: new INVITEs refused with 503,
     * in-dialog requests served, until the slot's calls end or `drainLimitMinutes` passes (the drain script).
     */
    drained: z.record(dnsLabel, z.array(z.number().int().min(1))).default({}),
  })
  .strict();

const ports = z
  .object({
    rtp: z.object({ from: z.number().int().min(1024).max(65535), to: z.number().int().min(1024).max(65535) }).strict(),
    /** Where the core tier receives SIP from the SBCs. */
    coreSip: port.default(5060),
    /** Where the core tier serves the web tier's API calls. */
    coreApi: port.default(8443),
    database: port.default(5432),
  })
  .strict();

/**
 * AWS's default quotas, per region unless named otherwise. Sources:
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html (security groups, rules,
 * Elastic IPs, NAT gateways); https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html
 * (interface endpoints); https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html
 * (peering attachments); https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/limits.html (Client
 * VPN); https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-limits.html (Site-to-Site VPN).
 */
export const AWS_DEFAULT_QUOTAS = {
  /** Inbound (and outbound) rules per security group; adjustable up to 1000. */
  securityGroupRulesPerDirection: 60,
  /** Peering attachments per transit gateway: the mesh holds n-1 per gateway. */
  transitGatewayPeeringsPerGateway: 50,
  /** Elastic IP addresses per region: a site's NAT gateways and SBCs. */
  elasticIpsPerRegion: 5,
  /** NAT gateways per Availability Zone. */
  natGatewaysPerAz: 5,
  /** VPC security groups per region (a site's pool, database, VPN, endpoint and default groups). */
  securityGroupsPerRegion: 2500,
  /** Interface (and Gateway Load Balancer) endpoints per VPC. */
  interfaceEndpointsPerVpc: 50,
  /** Site-to-Site VPN connections per region: one per data centre homed at the site. */
  siteToSiteVpnConnectionsPerRegion: 50,
  /** Authorisation rules per Client VPN endpoint. */
  clientVpnAuthorizationRulesPerEndpoint: 200,
  /** Routes per Client VPN target network association. */
  clientVpnRoutesPerAssociation: 100,
} as const;

const quota = (min: number, fallback: number) => z.number().int().min(min).max(100000).default(fallback);
const awsQuotas = z
  .object({
    // AWS refuses to lower the rule quota below its default.
    securityGroupRulesPerDirection: z
      .number()
      .int()
      .min(60)
      .max(1000)
      .default(AWS_DEFAULT_QUOTAS.securityGroupRulesPerDirection),
    transitGatewayPeeringsPerGateway: quota(1, AWS_DEFAULT_QUOTAS.transitGatewayPeeringsPerGateway),
    elasticIpsPerRegion: quota(1, AWS_DEFAULT_QUOTAS.elasticIpsPerRegion),
    natGatewaysPerAz: quota(1, AWS_DEFAULT_QUOTAS.natGatewaysPerAz),
    securityGroupsPerRegion: quota(1, AWS_DEFAULT_QUOTAS.securityGroupsPerRegion),
    interfaceEndpointsPerVpc: quota(1, AWS_DEFAULT_QUOTAS.interfaceEndpointsPerVpc),
    siteToSiteVpnConnectionsPerRegion: quota(1, AWS_DEFAULT_QUOTAS.siteToSiteVpnConnectionsPerRegion),
    clientVpnAuthorizationRulesPerEndpoint: quota(1, AWS_DEFAULT_QUOTAS.clientVpnAuthorizationRulesPerEndpoint),
    clientVpnRoutesPerAssociation: quota(1, AWS_DEFAULT_QUOTAS.clientVpnRoutesPerAssociation),
  })
  .strict();

export const networkConfigSchema = z
  .object({
    environment: z.enum(["prod", "staging"]),
    sites: z.array(site).min(1),
    dns,
    carriers: z.array(carrier).min(2, { error: "at least two carriers (every destination needs two)" }),
    customers: z.array(customer).default([]),
    admin,
    capacity: capacity.default({ designLoadPercent: 40, scaleOutPercent: 60, maxLoadAfterFailurePercent: 80 }),
    rhel: z.array(rhelRelease).min(1),
    database,
    backup,
    monitoring,
    ports,
    voice,
    /**
     * The AWS quotas the design depends on, as they stand in the accounts (defaults: AWS's). Growing
     * past one is a reviewed change: raise the quota in Service Quotas, then here. Validation counts
     * the network model against each (lib/model/quotas.ts).
     */
    awsQuotas: awsQuotas.default(AWS_DEFAULT_QUOTAS),
    /** AWS Shield Advanced on the SBC Elastic IPs (a paid subscription). */
    shieldAdvanced: z.boolean().default(false),
    regionalLoss: regionalLoss.optional(),
  })
  .strict();

export type NetworkConfig = z.infer<typeof networkConfigSchema>;
export type SiteConfig = NetworkConfig["sites"][number];
export type AwsSiteConfig = Extract<SiteConfig, { kind: "aws" }>;
export type OnpremSiteConfig = Extract<SiteConfig, { kind: "onprem" }>;
export type CarrierConfig = NetworkConfig["carriers"][number];
export type RhelRelease = NetworkConfig["rhel"][number];

/** The top-level keys of the stack config, read from the `callmyway-network:` namespace. */
export const CONFIG_KEYS = Object.keys(networkConfigSchema.shape) as (keyof NetworkConfig)[];

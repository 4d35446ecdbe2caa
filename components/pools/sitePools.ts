import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { SiteEntryPoints } from "../dns/entryPoints";
import { webFqdns } from "../dns/names";
import { NetworkModel, parameterTierFor, rulesOf, trunkParameterName, withPublished } from "../../lib/model";
import { NocTopic } from "../monitoring/buildAlertTopics";
import { AwsSite } from "../site";
import { tierTags } from "../tags";
import { ValidationRecordSource } from "./certificate";
import { CorePool } from "./corePool";
import { sbcSlotReleases } from "../../lib/rollout/sbcSlots";
import { releaseNamed } from "./rhelImage";
import { SbcPool } from "./sbcPool";
import { SbcConfigDelivery } from "./sbcConfigDelivery";
import { sbcConfigRenderings, sbcDrainCommand, sbcPackagesBySlot } from "./sbcConfigDocument";
import { PoolFirewall, SitePoolGroups, createPoolGroups, poolGroupResolver } from "./securityGroups";
import { GroupHandle } from "./securityRules";
import { WebPool } from "./webPool";

/** The config a site's pools read. */
export type PoolsConfig = Pick<
  NetworkConfig,
  | "environment"
  | "rhel"
  | "capacity"
  | "awsQuotas"
  | "shieldAdvanced"
  | "dns"
  | "voice"
  | "carriers"
  | "customers"
  | "ports"
>;

export interface SitePoolsArgs {
  /** The AWS site (provider, network, agent configuration). */
  readonly site: AwsSite;
  /** Where the pools' capacity and recovery alarms notify. */
  readonly noc: NocTopic;
  /** The network model: the site's security groups and their rules, the trunk table. */
  readonly model: Pick<NetworkModel, "firewall" | "trunkTable">;
  readonly config: PoolsConfig;
  /** The ACM validation records of the web names in Cloudflare, shared by every site (written by the first site.s stack). */
  readonly webValidationRecords: ValidationRecordSource;
  /** Cloudflare's published IPv4 ranges, as plain values. */
  readonly cloudflareIpv4: readonly string[];
  /** The admin Client VPN's security group when this site hosts the endpoint. */
  readonly adminVpnGroup?: GroupHandle;
}

/**
 * One AWS site's server pools: SBCs, web and core tiers with their security groups, and the
 * trunk table the SBC software reads. `entryPoints` is what the DNS layer publishes.
 */
export class SitePools extends pulumi.ComponentResource {
  readonly groups: SitePoolGroups;
  readonly sbc: SbcPool;
  readonly web: WebPool;
  readonly core: CorePool;
  readonly trunkTable: aws.ssm.Parameter;
  /** The SBC software and its rendered configuration, applied by State Manager (the trunk table's consumer). */
  readonly sbcConfig: SbcConfigDelivery;
  readonly entryPoints: SiteEntryPoints;

  constructor(name: string, args: SitePoolsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:pools:SitePools", name, {}, opts);
    const { site, config } = args;
    const { pools, region } = site.config;
    const tags = site.network.tags;
    const noc = args.noc.topicArn;
    const nocLevel = args.noc.level;
    const parent = { parent: this };
    const hosts = (rhel: string, instanceType: string) => ({
      release: releaseNamed(config.rhel, rhel),
      region,
      instanceType,
      agentConfigParameter: site.agentConfig.parameter.name,
    });
    const subnetIds = (tier: "edge" | "web" | "core") => site.network.subnets[tier].map((s) => s.id);

    const siteName = site.config.name;
    const firewall = args.model.firewall;
    this.groups = createPoolGroups(
      name,
      siteName,
      firewall,
      site.network.vpc.id,
      tags,
      config.awsQuotas.securityGroupRulesPerDirection,
      this,
    );
    const resolve = poolGroupResolver(siteName, this.groups, site.allowLists, args.adminVpnGroup);
    const published = { "cloudflare-ipv4": args.cloudflareIpv4 };
    const rulesFor = (role: keyof SitePoolGroups): PoolFirewall => ({
      group: this.groups[role],
      rules: withPublished(
        [...rulesOf(firewall, { site: siteName, role }, "in"), ...rulesOf(firewall, { site: siteName, role }, "out")],
        published,
      ),
      resolve,
    });

    this.sbc = new SbcPool(
      `${name}-sbc`,
      {
        hosts: { region, instanceType: pools.sbc.instanceType, agentConfigParameter: site.agentConfig.parameter.name },
        // Per slot: the base release, or the rollout's once config moves the slot (S5).
        slots: sbcSlotReleases(config, site.config).map((s) => ({ ...s, release: releaseNamed(config.rhel, s.rhel) })),
        edgeSubnetIds: subnetIds("edge"),
        firewall: rulesFor("sbc"),
        scaleOutPercent: config.capacity.scaleOutPercent,
        nocTopicArn: noc,
        nocLevel,
        shieldAdvanced: config.shieldAdvanced,
        tags,
      },
      parent,
    );

    this.web = new WebPool(
      `${name}-web`,
      {
        hosts: hosts(pools.web.rhel, pools.web.instanceType),
        min: pools.web.min,
        max: pools.web.max,
        capacity: config.capacity,
        vpcId: site.network.vpc.id,
        hostSubnetIds: subnetIds("web"),
        albSubnetIds: subnetIds("edge"),
        firewall: { alb: rulesFor("alb"), hosts: rulesFor("web") },
        certificate: { fqdns: webFqdns(config.dns), validationRecords: args.webValidationRecords },
        healthCheckPath: config.dns.healthCheck.path,
        nocTopicArn: noc,
        nocLevel,
        tags,
      },
      parent,
    );

    this.core = new CorePool(
      `${name}-core`,
      {
        hosts: hosts(pools.core.rhel, pools.core.instanceType),
        min: pools.core.min,
        max: pools.core.max,
        capacity: config.capacity,
        subnetIds: subnetIds("core"),
        vpcId: site.network.vpc.id,
        sipPort: config.ports.coreSip,
        firewall: rulesFor("core"),
        nocTopicArn: noc,
        nocLevel,
        tags,
      },
      parent,
    );

    const table = JSON.stringify(args.model.trunkTable);
    this.trunkTable = new aws.ssm.Parameter(
      `${name}-trunks`,
      {
        name: trunkParameterName(config.environment, site.config.name),
        description: "Trunk routing: destination -> carriers in preference order, with their signalling CIDRs",
        type: "String",
        dataType: "text",
        tier: parameterTierFor(table),
        // Not a secret: shown in plans so a routing change is reviewed like any other.
        insecureValue: table,
        tags: tierTags(tags, "sbc", `${name}-trunks`),
      },
      parent,
    );

    const packages = sbcPackagesBySlot(config.voice, siteName, pools.sbc.count);
    this.sbcConfig = new SbcConfigDelivery(
      `${name}-sbc-config`,
      {
        renderings: sbcConfigRenderings(config, site.config),
        drainDocumentContent: sbcDrainCommand(config, site.config),
        drainedSlots: config.voice.drained[siteName] ?? [],
        coreHost: this.core.sipBalancer.dnsName,
        slots: this.sbc.slots.map((s) => ({
          slot: s.slot + 1,
          instanceId: s.instance.id,
          packages: packages[s.slot],
        })),
        tags,
      },
      parent,
    );

    this.entryPoints = {
      site: site.config.name,
      region,
      albDnsName: this.web.alb.dnsName,
      sbcs: this.sbc.slots.map((s) => ({ slot: s.slot, publicIp: s.eip.publicIp })),
    };

    this.registerOutputs({ albDnsName: this.web.alb.dnsName, sbcPublicIps: this.sbc.slots.map((s) => s.eip.publicIp) });
  }
}

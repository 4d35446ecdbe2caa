import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { SiteEntryPoints } from "../dns/entryPoints";
import { webFqdns } from "../dns/names";
import { tierCidr } from "../network/subnetLayout";
import { NocTopic } from "../monitoring/buildAlertTopics";
import { AwsSite } from "../site";
import { tierTags } from "../tags";
import { WebValidationRecords } from "./certificate";
import { CorePool, NamedCidr } from "./corePool";
import { releaseNamed } from "./rhelImage";
import { SbcPool } from "./sbcPool";
import { SitePoolGroups, createPoolGroups } from "./securityGroups";
import { buildTrunkTable, parameterTierFor, trunkParameterName } from "./trunkTable";
import { WebPool } from "./webPool";

export interface SitePoolsArgs {
  /** The AWS site (provider, network, agent configuration). */
  readonly site: AwsSite;
  /** Where the pools' capacity and recovery alarms notify. */
  readonly noc: NocTopic;
  /** The whole validated config (pools, capacity, carriers, customers, ports, admin, dns, database). */
  readonly config: NetworkConfig;
  /** The stack's ACM validation records in Cloudflare, one per web name, shared by every site. */
  readonly webValidationRecords: WebValidationRecords;
  /** Cloudflare's published IPv4 ranges, as plain values. */
  readonly cloudflareIpv4: readonly string[];
  /** The admin Client VPN's security group when this site hosts the endpoint. */
  readonly adminVpnGroup?: { readonly name: string; readonly id: pulumi.Input<string> };
}

/** Core blocks of every other site: an AWS site's core tier, a data centre's whole block. */
export function peerCoreCidrs(config: NetworkConfig, siteName: string): NamedCidr[] {
  return config.sites
    .filter((s) => s.name !== siteName)
    .map((s) => ({ name: s.name, cidr: s.kind === "aws" ? tierCidr(s.cidr, "core") : s.cidr }));
}

/** Data tiers holding a database a site's core uses: the primary's, and its own when it hosts the replica. */
export function databaseCidrsFor(config: NetworkConfig, siteName: string): NamedCidr[] {
  const dataOf = (name: string): NamedCidr[] =>
    config.sites.flatMap((s) => (s.kind === "aws" && s.name === name ? [{ name: `database in ${s.name}`, cidr: tierCidr(s.cidr, "data") }] : []));
  return [...dataOf(config.database.site), ...(config.database.replicaSite === siteName && siteName !== config.database.site ? dataOf(siteName) : [])];
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

    this.groups = createPoolGroups(name, site.network.vpc.id, tags, config.awsQuotas.securityGroupRulesPerDirection, this);

    this.sbc = new SbcPool(`${name}-sbc`, {
      hosts: hosts(pools.sbc.rhel, pools.sbc.instanceType),
      count: pools.sbc.count,
      edgeSubnetIds: subnetIds("edge"),
      groups: { sbc: this.groups.sbc, core: this.groups.core },
      carriers: config.carriers,
      customers: config.customers,
      rtp: config.ports.rtp,
      coreSipPort: config.ports.coreSip,
      scaleOutPercent: config.capacity.scaleOutPercent,
      nocTopicArn: noc,
      nocLevel,
      shieldAdvanced: config.shieldAdvanced,
      tags,
    }, parent);

    this.web = new WebPool(`${name}-web`, {
      hosts: hosts(pools.web.rhel, pools.web.instanceType),
      min: pools.web.min,
      max: pools.web.max,
      capacity: config.capacity,
      vpcId: site.network.vpc.id,
      hostSubnetIds: subnetIds("web"),
      albSubnetIds: subnetIds("edge"),
      groups: { alb: this.groups.alb, hosts: this.groups.web, core: this.groups.core },
      cloudflareIpv4: args.cloudflareIpv4,
      coreApiPort: config.ports.coreApi,
      certificate: { fqdns: webFqdns(config.dns), validationRecords: args.webValidationRecords },
      healthCheckPath: config.dns.healthCheck.path,
      nocTopicArn: noc,
      nocLevel,
      tags,
    }, parent);

    this.core = new CorePool(`${name}-core`, {
      hosts: hosts(pools.core.rhel, pools.core.instanceType),
      min: pools.core.min,
      max: pools.core.max,
      capacity: config.capacity,
      subnetIds: subnetIds("core"),
      groups: { core: this.groups.core, sbc: this.groups.sbc, web: this.groups.web },
      ports: config.ports,
      peerSites: peerCoreCidrs(config, site.config.name),
      adminVpnGroup: args.adminVpnGroup,
      databases: databaseCidrsFor(config, site.config.name),
      nocTopicArn: noc,
      nocLevel,
      tags,
    }, parent);

    const table = JSON.stringify(buildTrunkTable(config.carriers));
    this.trunkTable = new aws.ssm.Parameter(`${name}-trunks`, {
      name: trunkParameterName(config.environment, site.config.name),
      description: "Trunk routing: destination -> carriers in preference order, with their signalling CIDRs",
      type: "String",
      dataType: "text",
      tier: parameterTierFor(table),
      // Not a secret: shown in plans so a routing change is reviewed like any other.
      insecureValue: table,
      tags: tierTags(tags, "sbc", `${name}-trunks`),
    }, parent);

    this.entryPoints = {
      site: site.config.name,
      region,
      albDnsName: this.web.alb.dnsName,
      sbcs: this.sbc.slots.map((s) => ({ slot: s.slot, publicIp: s.eip.publicIp })),
    };

    this.registerOutputs({ albDnsName: this.web.alb.dnsName, sbcPublicIps: this.sbc.slots.map((s) => s.eip.publicIp) });
  }
}

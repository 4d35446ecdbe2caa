import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ruleTarget } from "./securityGroups";
import { Tags, tierTags } from "../tags";
import { PoolHostsArgs, createPoolGroup, createPoolLaunchTemplate } from "./poolHosts";
import { CapacityRules, createScalingRules } from "./scaling";
import { PoolGroup } from "./securityGroups";
import { PortRule, createRules, httpsEgress } from "./securityRules";
import { BACKUP_TAGS } from "../backup/selectionTag";

/** A named private address block (another site's core, the admin pool, a database tier). */
export interface NamedCidr {
  readonly name: string;
  readonly cidr: string;
}

export interface CorePoolArgs {
  /** Hosts: release, instance type, agent configuration (security group and tags are set here). */
  readonly hosts: Omit<PoolHostsArgs, "securityGroupId" | "tags">;
  /** Hosts at least (>= 2); no desired count, scaling owns it. */
  readonly min: number;
  /** Hosts at most. */
  readonly max: number;
  /** Design load and scale-out threshold (CPU percent). */
  readonly capacity: CapacityRules;
  /** Private core subnets, one per AZ. */
  readonly subnetIds: pulumi.Input<string>[];
  /** The core's, the SBCs' and the web hosts' security groups (created empty by the site). */
  readonly groups: { readonly core: PoolGroup; readonly sbc: PoolGroup; readonly web: PoolGroup };
  /** Core SIP, core API and database ports. */
  readonly ports: { readonly coreSip: number; readonly coreApi: number; readonly database: number };
  /** Core blocks of the other sites (AWS sites' core tiers, data centres): SIP and API both ways. */
  readonly peerSites: readonly NamedCidr[];
  /**
   * The admin Client VPN's security group, on the site that hosts the endpoint (API only: host
   * access is SSM, never SSH). Client VPN rewrites client addresses to its own interfaces in this
   * site's core subnets, so other sites admit admins through their rule for this site's core.
   */
  readonly adminVpnGroup?: { readonly name: string; readonly id: pulumi.Input<string> };
  /** Data tiers holding a database this core uses (its own site's replica, the primary's site). */
  readonly databases: readonly NamedCidr[];
  /** NOC topic the scale-out alarm notifies. */
  readonly nocTopicArn: pulumi.Input<string>;
  /** Name of the escalation level that topic belongs to (tags the alarms). */
  readonly nocLevel: string;
  /** Site tags. */
  readonly tags: Tags;
}

/** SIP from/to a peer: UDP and TCP on the core's SIP port. */
function sipRules(port: number, peer: Pick<PortRule, "cidr" | "group">, who: string): PortRule[] {
  return (["udp", "tcp"] as const).map((protocol) => ({ protocol, fromPort: port, toPort: port, ...peer, description: `SIP/${protocol.toUpperCase()} ${who}` }));
}

/**
 * A site's core tier (S2, S4, S6): an Auto Scaling group in the private core subnets, EC2 health
 * checks, the same capacity rules as web. Reachable only on its SIP port from the SBCs and the
 * other sites, on its API port from the web hosts, the other sites and the admin VPN.
 */
export class CorePool extends pulumi.ComponentResource {
  readonly group: aws.autoscaling.Group;
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  readonly scaleOutAlarm: aws.cloudwatch.MetricAlarm;

  constructor(name: string, args: CorePoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:pools:CorePool", name, {}, opts);
    const tags = tierTags(args.tags, "core");
    const { core, sbc, web } = args.groups;
    const { coreSip, coreApi, database } = args.ports;
    const api = (peer: Pick<PortRule, "cidr" | "group">, who: string): PortRule => ({ protocol: "tcp", fromPort: coreApi, toPort: coreApi, ...peer, description: `core API ${who}` });
    const sbcPeer = { group: { name: sbc.name, id: sbc.group.id } };

    createRules(ruleTarget(core), "in", [
      ...sipRules(coreSip, sbcPeer, "from the site's SBCs"),
      api({ group: { name: web.name, id: web.group.id } }, "from the site's web hosts"),
      ...args.peerSites.flatMap((p) => [...sipRules(coreSip, { cidr: p.cidr }, `from site ${p.name}`), api({ cidr: p.cidr }, `from site ${p.name}`)]),
      ...(args.adminVpnGroup ? [api({ group: args.adminVpnGroup }, "from the admin Client VPN")] : []),
    ], tags, this);
    createRules(ruleTarget(core), "out", [
      ...sipRules(coreSip, sbcPeer, "to the site's SBCs"),
      ...args.peerSites.flatMap((p) => [...sipRules(coreSip, { cidr: p.cidr }, `to site ${p.name}`), api({ cidr: p.cidr }, `to site ${p.name}`)]),
      ...args.databases.map((d): PortRule => ({ protocol: "tcp", fromPort: database, toPort: database, cidr: d.cidr, description: `PostgreSQL in ${d.name}` })),
      httpsEgress(),
    ], tags, this);

    this.launchTemplate = createPoolLaunchTemplate(`${name}-hosts`, { ...args.hosts, securityGroupId: core.group.id, tags, volumeTags: BACKUP_TAGS }, this);
    this.group = createPoolGroup(`${name}-hosts`, {
      min: args.min,
      max: args.max,
      subnetIds: args.subnetIds,
      launchTemplate: this.launchTemplate,
      healthCheckType: "EC2",
      tags,
    }, this);

    this.scaleOutAlarm = createScalingRules(`${name}-hosts`, this.group.name, args.capacity, { topicArn: args.nocTopicArn, level: args.nocLevel }, tags, this).alarm;

    this.registerOutputs({ groupName: this.group.name });
  }
}

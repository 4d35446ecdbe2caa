// The network, derived once from the validated config (pure: no Pulumi). Everything more than one
// part needs comes from here: components turn it into resources, validation counts its lists
// against the quotas, the figures and the policy config read it.
import type { AwsSiteConfig, NetworkConfig } from "../../config/schema";
import { AdminAccess, adminAccessOf } from "./admin";
import { SUBNET_TIERS, SubnetTier, tierCidr } from "./addressPlan";
import { Firewall, firewallOf } from "./firewall";
import { DataCentre, awsSitesOf, dataCentresOf } from "./sites";
import { TrunkTable, buildTrunkTable } from "./trunkTable";
import { recentResults } from "../recent";

export interface NetworkModel {
  /** AWS sites in config order. */
  readonly awsSites: readonly AwsSiteConfig[];
  /** Data centres with their home sites. */
  readonly dataCentres: readonly DataCentre[];
  /** Per AWS site, the block of each subnet tier. */
  readonly tierBlocks: Readonly<Record<string, Readonly<Record<SubnetTier, string>>>>;
  readonly firewall: Firewall;
  readonly admin: AdminAccess;
  readonly trunkTable: TrunkTable;
}

/**
 * The model of a config, derived once per distinct config in a process (lib/recent.ts): every run of
 * an environment's stacks validates the same config (the quota check counts the model's lists) and
 * builds the model of every site. Frozen.
 */
export const buildModel: (config: NetworkConfig) => NetworkModel = recentResults(modelOf, { size: 8 });

function modelOf(config: NetworkConfig): NetworkModel {
  const awsSites = awsSitesOf(config);
  const admin = adminAccessOf(config);
  return {
    awsSites,
    dataCentres: dataCentresOf(config),
    tierBlocks: Object.fromEntries(
      awsSites.map((s) => [
        s.name,
        Object.fromEntries(SUBNET_TIERS.map((t) => [t, tierCidr(s.cidr, t)])) as Record<SubnetTier, string>,
      ]),
    ),
    firewall: firewallOf(config, admin),
    admin,
    trunkTable: buildTrunkTable(config.carriers),
  };
}

export { AZ_SLOTS, SUBNET_TIERS, subnetCidr, tierCidr } from "./addressPlan";
export type { SubnetTier } from "./addressPlan";
export { destinationName } from "./admin";
export type { AdminAccess, AdminDestination } from "./admin";
export { ec2Description } from "./descriptions";
export { INTERFACE_ENDPOINT_SERVICES } from "./endpoints";
export {
  REMOTE_RTP,
  SIP_PORTS,
  WEB_PORTS,
  WEB_TARGET_PORT,
  groupKey,
  groupOf,
  listOf,
  ruleIdentity,
  rulesOf,
  withListsExpanded,
  withPublished,
} from "./firewall";
export { listKey } from "./allowLists";
export type { AllowList, AllowListEntry, AllowListName, ListRef } from "./allowLists";
export type {
  Direction,
  Firewall,
  FirewallRule,
  GroupRef,
  GroupRole,
  Peer,
  Protocol,
  PublishedList,
  SecurityGroupSpec,
} from "./firewall";
export { quotaUses, quotasExceeded, quotasNeeded } from "./quotas";
export type { QuotaKey, QuotaUse } from "./quotas";
export { awsSitesOf, dataCentresOf, homeSitesOf, natAzsOf } from "./sites";
export type { DataCentre } from "./sites";
export {
  ADVANCED_PARAMETER_BYTES,
  STANDARD_PARAMETER_BYTES,
  buildTrunkTable,
  parameterTierFor,
  trunkParameterName,
} from "./trunkTable";
export type { TrunkTable } from "./trunkTable";

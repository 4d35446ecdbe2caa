// Every rule of the pack, in one list: policies/index.ts builds the PolicyPack from it, and the offline
// engine (tools/policy) evaluates it on plans. Importing this starts no server.
import type { Rule } from "../lib/rule";
import { backupPlanDailyWeeklyMonthlyCrossRegion } from "./backupPlanDailyWeeklyMonthlyCrossRegion";
import { backupVaultLockComplianceMode } from "./backupVaultLockComplianceMode";
import { backupVaultsLocked } from "./backupVaultsLocked";
import { cloudflareWebProxied } from "./cloudflareWebProxied";
import { ebsEncryptionRequired } from "./ebsEncryptionRequired";
import { imagesOnlyFromValidatedList } from "./imagesOnlyFromValidatedList";
import { imdsV2Required } from "./imdsV2Required";
import { kmsKeyRotationRequired } from "./kmsKeyRotationRequired";
import { noAdminPortsFromInternet } from "./noAdminPortsFromInternet";
import { noClientVpnAuthorizationToInternet } from "./noClientVpnAuthorizationToInternet";
import { noInternetFacingLoadBalancerOutsideWeb } from "./noInternetFacingLoadBalancerOutsideWeb";
import { noInternetIngressOutsideEdgeTiers } from "./noInternetIngressOutsideEdgeTiers";
import { noInternetRouteFromPrivateTiers } from "./noInternetRouteFromPrivateTiers";
import { noPubliclyAccessibleDatabase } from "./noPubliclyAccessibleDatabase";
import { noPublicIpMappingOnPrivateSubnets } from "./noPublicIpMappingOnPrivateSubnets";
import { noPublicIpOnPrivateTiers } from "./noPublicIpOnPrivateTiers";
import { poolsSpanTwoHostsTwoAzs } from "./poolsSpanTwoHostsTwoAzs";
import { rdsBackupRetention, rdsDeletionProtection, rdsMultiAz, rdsStorageEncrypted } from "./rdsResilience";
import { requiredTags } from "./requiredTags";
import { sbcIngressOnlyFromAllowlists } from "./sbcIngressOnlyFromAllowlists";
import { sbcTwoPerSiteTwoAzs } from "./sbcTwoPerSiteTwoAzs";
import { vpcFlowLogsRequired } from "./vpcFlowLogsRequired";
import { vpnPresharedKeysNotLiteral } from "./vpnPresharedKeysNotLiteral";
import { webIngressOnlyFromCloudflare } from "./webIngressOnlyFromCloudflare";

export const RULES: readonly Rule[] = [
  // Core and data never exposed (S2, S8, S9).
  noInternetIngressOutsideEdgeTiers,
  noAdminPortsFromInternet,
  noPublicIpOnPrivateTiers,
  noPublicIpMappingOnPrivateSubnets,
  noInternetRouteFromPrivateTiers,
  noPubliclyAccessibleDatabase,
  noInternetFacingLoadBalancerOutsideWeb,
  noClientVpnAuthorizationToInternet,
  // Edges only from who must reach them (S3, S8, S10, S15).
  sbcIngressOnlyFromAllowlists,
  webIngressOnlyFromCloudflare,
  cloudflareWebProxied,
  // Hosts and data at rest (S13).
  imdsV2Required,
  ebsEncryptionRequired,
  rdsStorageEncrypted,
  kmsKeyRotationRequired,
  imagesOnlyFromValidatedList,
  // Resilience (S4, S12).
  poolsSpanTwoHostsTwoAzs,
  sbcTwoPerSiteTwoAzs,
  rdsMultiAz,
  rdsDeletionProtection,
  rdsBackupRetention,
  // Backups isolated (S11, S12).
  backupVaultLockComplianceMode,
  backupVaultsLocked,
  backupPlanDailyWeeklyMonthlyCrossRegion,
  // Evidence, secrets, governance (S7, S8).
  vpcFlowLogsRequired,
  vpnPresharedKeysNotLiteral,
  requiredTags,
];

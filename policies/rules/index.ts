// Every rule of the pack, in one list: policies/index.ts builds the PolicyPack from it, and the offline
// engine (tools/policy) evaluates it on plans. Importing this starts no server.
import type { Rule } from "../lib/rule";
import { backupPlanDailyWeeklyMonthlyCrossRegion } from "./backupPlanDailyWeeklyMonthlyCrossRegion";
import { backupIsolatedVaultsDenyDeletion } from "./backupIsolatedVaultsDenyDeletion";
import { backupSelectionsCoverStatefulResources } from "./backupSelectionsCoverStatefulResources";
import { hostRolesLeastPrivilege } from "./hostRolesLeastPrivilege";
import { privateTiersSecondLine } from "./privateTiersSecondLine";
import {
  clientVpnCertificateAuthAndLogged,
  databaseTlsRequiredAndLogged,
  listenersTlsOnly,
  vpnTunnelsStrongAndLogged,
} from "./secureLinks";
import { serversWithdrawableOnFailure } from "./serversWithdrawableOnFailure";
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
import { reachabilityMatchesDesign } from "./reachabilityMatchesDesign";
import { requiredTags } from "./requiredTags";
import { sbcIngressOnlyFromAllowlists } from "./sbcIngressOnlyFromAllowlists";
import { sbcTwoPerSiteTwoAzs } from "./sbcTwoPerSiteTwoAzs";
import { tierTagsMatchTopology } from "./tierTagsMatchTopology";
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
  // What is connected, not what is tagged (S2, S3, S8, S9).
  tierTagsMatchTopology,
  reachabilityMatchesDesign,
  privateTiersSecondLine,
  // Edges only from who must reach them (S3, S8, S10, S15).
  sbcIngressOnlyFromAllowlists,
  webIngressOnlyFromCloudflare,
  cloudflareWebProxied,
  serversWithdrawableOnFailure,
  // Hosts and data at rest (S13).
  imdsV2Required,
  ebsEncryptionRequired,
  rdsStorageEncrypted,
  kmsKeyRotationRequired,
  imagesOnlyFromValidatedList,
  hostRolesLeastPrivilege,
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
  backupSelectionsCoverStatefulResources,
  backupIsolatedVaultsDenyDeletion,
  // Evidence, secrets, governance (S7, S8).
  vpcFlowLogsRequired,
  vpnPresharedKeysNotLiteral,
  vpnTunnelsStrongAndLogged,
  clientVpnCertificateAuthAndLogged,
  databaseTlsRequiredAndLogged,
  listenersTlsOnly,
  requiredTags,
];

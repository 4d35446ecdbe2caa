// Generates the pack's config from a stack's validated config, so the pack checks exactly what the
// program builds: carrier/customer allowlists, RTP range, validated images, web names, retention.
import * as path from "path";
import { NetworkConfig, validateConfig } from "../../config";
import { accountOfRoleArn } from "../../components/backup/policies";
import { webFqdns } from "../../components/dns/names";
import { REQUIRED_TAG_KEYS, TIERS } from "../../components/tags";
import { DEFAULT_INTERNET_FACING_TIERS, DEFAULT_PRIVATE_TIERS } from "../../policies/lib/rule";
import { type NetworkModel, SUBNET_TIERS, buildModel, tierCidr, withListsExpanded } from "../../lib/model";
import type { NamedSource } from "../../policies/lib/reachability";
import { backupIsolatedVaultsDenyDeletion } from "../../policies/rules/backupIsolatedVaultsDenyDeletion";
import { reachabilityMatchesDesign } from "../../policies/rules/reachabilityMatchesDesign";
import { noClientVpnAuthorizationToInternet } from "../../policies/rules/noClientVpnAuthorizationToInternet";
import { backupVaultLockComplianceMode } from "../../policies/rules/backupVaultLockComplianceMode";
import { cloudflareWebProxied } from "../../policies/rules/cloudflareWebProxied";
import { imagesOnlyFromValidatedList } from "../../policies/rules/imagesOnlyFromValidatedList";
import { noAdminPortsFromInternet } from "../../policies/rules/noAdminPortsFromInternet";
import { noInternetFacingLoadBalancerOutsideWeb } from "../../policies/rules/noInternetFacingLoadBalancerOutsideWeb";
import { noInternetIngressOutsideEdgeTiers } from "../../policies/rules/noInternetIngressOutsideEdgeTiers";
import { noInternetRouteFromPrivateTiers } from "../../policies/rules/noInternetRouteFromPrivateTiers";
import { noPublicIpMappingOnPrivateSubnets } from "../../policies/rules/noPublicIpMappingOnPrivateSubnets";
import { noPublicIpOnPrivateTiers } from "../../policies/rules/noPublicIpOnPrivateTiers";
import { rdsBackupRetention } from "../../policies/rules/rdsResilience";
import { requiredTags } from "../../policies/rules/requiredTags";
import { sbcIngressOnlyFromAllowlists } from "../../policies/rules/sbcIngressOnlyFromAllowlists";
import { webIngressOnlyFromCloudflare } from "../../policies/rules/webIngressOnlyFromCloudflare";
import { PROJECT_ROOT, rawProjectConfig, readStackConfig } from "../stackConfig";
import { PolicyConfigFile } from "./policyConfig";

/** Remote administration ports plus the database port the stack uses. */
const ADMIN_PORTS = [22, 3389, 5432, 3306, 1433, 1521, 6379, 27017];

/** Every source the reachability figure names, with the CIDRs it owns. */
export function namedSources(config: NetworkConfig): NamedSource[] {
  return [
    ...config.carriers.map((c): NamedSource => ({
      name: c.name,
      kind: "carrier",
      cidrs: [...c.signallingCidrs, ...c.mediaCidrs],
    })),
    ...config.customers.map((c): NamedSource => ({ name: c.name, kind: "customer", cidrs: [...c.sipCidrs] })),
    // No copy of Cloudflare's ranges: whoever evaluates fills them in (withCloudflareRanges).
    { name: "Cloudflare", kind: "cloudflare", cidrs: [] },
    ...config.sites.flatMap((s): NamedSource[] =>
      s.kind === "aws"
        ? SUBNET_TIERS.map((tier) => ({
            name: `${s.name} ${tier}`,
            kind: "site",
            site: s.name,
            tier,
            cidrs: [tierCidr(s.cidr, tier)],
          }))
        : [{ name: s.name, kind: "datacentre", site: s.name, cidrs: [s.cidr] }],
    ),
    { name: "admin VPN", kind: "admin", cidrs: [config.admin.clientCidr] },
  ];
}

function sortedUnique<T extends string | number>(values: T[]): T[] {
  return [...new Set(values)].sort((a, b) =>
    typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b)),
  );
}

/** The validated image ids of each region (`rhel[].amiIds`, pinned by `npm run pin-images`): region -> sorted ids. */
export function validatedImagesByRegion(config: NetworkConfig): Record<string, string[]> {
  const byRegion: Record<string, string[]> = {};
  config.rhel.forEach((r) =>
    Object.entries(r.amiIds ?? {}).forEach(([region, id]) => (byRegion[region] = [...(byRegion[region] ?? []), id])),
  );
  return Object.fromEntries(
    Object.keys(byRegion)
      .sort()
      .map((region) => [region, sortedUnique(byRegion[region])]),
  );
}

/** What the model lets in to the SBCs: its sources and its port ranges (SIP, SIP-TLS, RTP), each once. */
function sbcIngress(model: NetworkModel): { cidrs: string[]; portRanges: { fromPort: number; toPort: number }[] } {
  const rules = withListsExpanded(
    model.firewall.rules.filter((r) => r.group.role === "sbc" && r.direction === "in"),
    model.firewall,
  );
  const ranges = new Map(rules.map(({ fromPort, toPort }) => [`${fromPort}-${toPort}`, { fromPort, toPort }]));
  return {
    cidrs: sortedUnique(rules.flatMap((r) => (r.peer.kind === "cidr" ? [r.peer.cidr] : []))),
    portRanges: [...ranges.values()].sort((a, b) => a.fromPort - b.fromPort || a.toPort - b.toPort),
  };
}

export function policyConfigFor(config: NetworkConfig): PolicyConfigFile {
  const model = buildModel(config);
  const sbc = sbcIngress(model);
  const privateTiers = { privateTiers: DEFAULT_PRIVATE_TIERS };
  const suffixless = config.dns.webHostnames.map((h) => (config.dns.subdomain ? `${h}.${config.dns.subdomain}` : h));
  return {
    [noInternetIngressOutsideEdgeTiers.name]: { internetFacingTiers: DEFAULT_INTERNET_FACING_TIERS },
    [noAdminPortsFromInternet.name]: { adminPorts: sortedUnique([...ADMIN_PORTS, config.ports.database]) },
    [noPublicIpOnPrivateTiers.name]: privateTiers,
    [noPublicIpMappingOnPrivateSubnets.name]: privateTiers,
    [noInternetRouteFromPrivateTiers.name]: privateTiers,
    [noInternetFacingLoadBalancerOutsideWeb.name]: { internetFacingTiers: ["web"] },
    [noClientVpnAuthorizationToInternet.name]: { allowedTargetCidrs: [...model.admin.authorisedCidrs] },
    [sbcIngressOnlyFromAllowlists.name]: {
      allowedCidrs: sbc.cidrs,
      allowedPortRanges: sbc.portRanges,
    },
    // No ranges: the rule reads Cloudflare's published list when it runs (policies/lib/cloudflare.ts).
    [webIngressOnlyFromCloudflare.name]: { allowedPorts: [80, 443] },
    [cloudflareWebProxied.name]: { webHostnames: sortedUnique([...webFqdns(config.dns), ...suffixless]) },
    [imagesOnlyFromValidatedList.name]: {
      validatedImages: validatedImagesByRegion(config),
      allowedImageNames: sortedUnique(config.rhel.map((r) => r.amiName)),
      allowedImageOwners: sortedUnique(config.rhel.map((r) => r.owner)),
    },
    [reachabilityMatchesDesign.name]: {
      namedSources: namedSources(config),
      sbcPortRanges: sbc.portRanges,
      webPorts: [80, 443],
      corePorts: sortedUnique([config.ports.coreSip, config.ports.coreApi]),
      coreSipPorts: [config.ports.coreSip],
      databasePorts: [config.ports.database],
    },
    [rdsBackupRetention.name]: { minBackupRetentionDays: config.database.backupRetentionDays },
    [backupVaultLockComplianceMode.name]: {
      minChangeableForDays: Math.max(3, config.backup.vaultLock.changeableForDays),
    },
    [backupIsolatedVaultsDenyDeletion.name]: {
      isolatedAccountId: config.backup.isolatedAccountRoleArn
        ? accountOfRoleArn(config.backup.isolatedAccountRoleArn)
        : "",
      isolatedRegion: config.backup.isolatedRegion,
    },
    [requiredTags.name]: { requiredTags: [...REQUIRED_TAG_KEYS], allowedTiers: [...TIERS] },
  };
}

export function serializePolicyConfig(config: PolicyConfigFile): string {
  return JSON.stringify(config, null, 2) + "\n";
}

/** Reads and validates Pulumi.<stack>.yaml (ConfigError on bad config) and derives the pack config. */
export function policyConfigForStack(stack: string, root = PROJECT_ROOT): PolicyConfigFile {
  const { values } = readStackConfig(stack, root);
  return policyConfigFor(validateConfig(rawProjectConfig(values)));
}

/** Where the committed, generated config of a stack lives (CI passes it to `pulumi preview`). */
export function policyConfigPath(stack: string, root = PROJECT_ROOT): string {
  return path.join(root, "policies", `policy-config.${stack}.json`);
}

// Mutations of the resources the merged program really declares (pools, database, backups, DNS,
// admin VPN, interconnect): each breaks one promise the way a careless change would.
import { Json, PlanResource } from "../../tools/plan/capture";
import { PlanDocument } from "../../tools/plan/document";
import { Mutation } from "./mutationTable";
import { res, T } from "./fixtures";

function the(plan: PlanDocument, type: string, match: (r: PlanResource) => boolean): PlanResource {
  const found = plan.resources.find((r) => r.type === type && match(r));
  if (!found) throw new Error(`the ${plan.stack} plan has no such ${type} to mutate`);
  return found;
}
const named = (suffix: string) => (r: PlanResource) => r.name.endsWith(suffix);
const tags = (r: PlanResource) => r.inputs.tags as Record<string, string>;
const drop = (plan: PlanDocument, victim: PlanResource) => plan.resources.splice(plan.resources.indexOf(victim), 1);

/** The core database itself (not its cross-region replica). */
const primaryDatabase = (plan: PlanDocument) =>
  the(plan, "aws:rds/instance:Instance", (r) => !r.name.endsWith("-replica"));

/** A new registration beside real ones, in the same provider as the first resource it refers to. */
function add(
  plan: PlanDocument,
  type: string,
  name: string,
  inputs: { [key: string]: Json },
  deps: Record<string, PlanResource>,
): void {
  const provider = Object.values(deps)[0]?.provider ?? null;
  plan.resources.push({
    ...res(type, name, inputs, deps),
    urn: `urn:pulumi:${plan.stack}::callmyway-network::${type}::${name}`,
    provider,
  });
}

/** Adds an ingress rule to a real security group, as the program would declare one. */
function open(
  plan: PlanDocument,
  group: PlanResource,
  name: string,
  cidr: string,
  protocol: "tcp" | "udp",
  port: number,
): void {
  const inputs = {
    cidrIpv4: cidr,
    ipProtocol: protocol,
    fromPort: port,
    toPort: port,
    description: name,
    tags: tags(group),
  };
  plan.resources.push({
    ...res(T.ingress, name, inputs, { securityGroupId: group }),
    urn: `urn:pulumi:${plan.stack}::callmyway-network::${T.ingress}::${name}`,
    provider: group.provider,
  });
}

export const REAL_MUTATIONS: Mutation[] = [
  {
    name: "open a site's core security group to the world on the API port",
    // 0.0.0.0/0 also admits every site's edge subnets, which the design keeps out of core.
    policies: ["no-internet-ingress-outside-sbc-and-web", "reachability-matches-design"],
    mutate: (plan) => open(plan, the(plan, T.sg, named("-pools-core")), "core-api-world", "0.0.0.0/0", "tcp", 8443),
  },
  {
    name: "give a core launch template a public IP",
    policies: ["no-public-ip-on-core-or-data"],
    mutate: (plan) => {
      the(plan, T.launchTemplate, named("-pools-core-hosts")).inputs.networkInterfaces = [
        { associatePublicIpAddress: "true", deviceIndex: 0 },
      ];
    },
  },
  {
    name: "drop a site vault's lock",
    policies: ["backup-vaults-locked"],
    mutate: (plan) =>
      drop(
        plan,
        the(plan, "aws:backup/vaultLockConfiguration:VaultLockConfiguration", (r) => r.name !== "backup-isolated-lock"),
      ),
  },
  {
    name: "turn the isolated vault's lock into governance mode",
    policies: ["backup-vault-lock-in-compliance-mode"],
    mutate: (plan) => {
      delete the(
        plan,
        "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
        (r) => r.name === "backup-isolated-lock",
      ).inputs.changeableForDays;
    },
  },
  {
    name: "unpin a web launch template's image (a literal id, no validated name)",
    policies: ["images-only-from-validated-rhel-list"],
    mutate: (plan) => {
      const lt = the(plan, T.launchTemplate, named("-pools-web-hosts"));
      lt.inputs.imageId = "ami-0123456789abcdef0";
      delete tags(lt)["rhel-ami-name"];
    },
  },
  {
    name: "let a core launch template serve IMDSv1",
    policies: ["imdsv2-required"],
    mutate: (plan) => {
      (
        the(plan, T.launchTemplate, named("-pools-core-hosts")).inputs.metadataOptions as Record<string, unknown>
      ).httpTokens = "optional";
    },
  },
  {
    name: "leave an SBC's root volume unencrypted",
    policies: ["ebs-encryption-required"],
    mutate: (plan) => {
      (the(plan, T.instance, named("-pools-sbc-1")).inputs.rootBlockDevice as Record<string, unknown>).encrypted =
        false;
    },
  },
  {
    name: "make the core database publicly accessible",
    policies: ["no-publicly-accessible-database"],
    mutate: (plan) => {
      primaryDatabase(plan).inputs.publiclyAccessible = true;
    },
  },
  {
    name: "run the core database in one AZ",
    policies: ["rds-multi-az-required"],
    mutate: (plan) => {
      primaryDatabase(plan).inputs.multiAz = false;
    },
  },
  {
    name: "switch off the core database's automated backups",
    policies: ["rds-backup-retention-required"],
    mutate: (plan) => {
      primaryDatabase(plan).inputs.backupRetentionPeriod = 0;
    },
  },
  {
    name: "let the core database be deleted",
    policies: ["rds-deletion-protection-required"],
    mutate: (plan) => {
      primaryDatabase(plan).inputs.deletionProtection = false;
    },
  },
  {
    name: "store the core database unencrypted",
    policies: ["rds-storage-encrypted"],
    mutate: (plan) => {
      primaryDatabase(plan).inputs.storageEncrypted = false;
    },
  },
  {
    name: "shrink a core pool to one host",
    policies: ["pools-at-least-two-hosts-in-two-azs"],
    mutate: (plan) => {
      the(plan, "aws:autoscaling/group:Group", named("-pools-core-hosts")).inputs.minSize = 1;
    },
  },
  {
    name: "leave a site with one SBC",
    policies: ["sbc-at-least-two-per-site-in-two-azs"],
    mutate: (plan) => {
      const site = tags(the(plan, T.instance, named("-pools-sbc-1"))).site;
      plan.resources
        .filter((r) => r.type === T.instance && tags(r).site === site && !r.name.endsWith("-pools-sbc-1"))
        .forEach((r) => drop(plan, r));
    },
  },
  {
    name: "open an SBC to SIP from a network no carrier or customer owns",
    policies: ["reachability-matches-design", "sbc-ingress-only-from-allowlisted-carriers-and-customers"],
    mutate: (plan) =>
      open(plan, the(plan, T.sg, named("-pools-sbc")), "sbc-sip-stranger", "45.67.89.0/24", "udp", 5060),
  },
  {
    name: "open a web ALB to HTTPS from outside Cloudflare",
    policies: ["reachability-matches-design", "web-ingress-only-from-cloudflare"],
    mutate: (plan) => open(plan, the(plan, T.sg, named("-pools-alb")), "alb-direct", "45.67.89.0/24", "tcp", 443),
  },
  {
    name: "take a web load balancer off Cloudflare's proxy",
    policies: ["cloudflare-web-records-proxied"],
    mutate: (plan) => {
      the(plan, "cloudflare:index/loadBalancer:LoadBalancer", named("-lb")).inputs.proxied = false;
    },
  },
  {
    name: "drop the monthly rule of a site's backup plan",
    policies: ["backup-plan-daily-weekly-monthly-with-cross-region-copy"],
    mutate: (plan) => {
      const backupPlan = the(plan, "aws:backup/plan:Plan", named("-backup-plan"));
      backupPlan.inputs.rules = (backupPlan.inputs.rules as { [key: string]: Json }[]).filter(
        (r) => r.ruleName !== "monthly",
      );
    },
  },
  {
    name: "authorise the admin Client VPN to the whole internet",
    policies: ["no-client-vpn-authorization-to-internet"],
    mutate: (plan) => {
      the(plan, "aws:ec2clientvpn/authorizationRule:AuthorizationRule", () => true).inputs.targetNetworkCidr =
        "0.0.0.0/0";
    },
  },
  {
    name: "write a data centre's pre-shared key in clear",
    policies: ["vpn-preshared-keys-not-literal"],
    mutate: (plan) => {
      // As a hard-coded key would be: a literal, no longer depending on the generated password.
      const vpn = the(plan, "aws:ec2/vpnConnection:VpnConnection", () => true);
      vpn.inputs.tunnel1PresharedKey = "Kliteral_key_in_the_repo";
      delete vpn.propertyDependencies.tunnel1PresharedKey;
    },
  },
  {
    name: "turn off rotation of a backup key",
    policies: ["kms-key-rotation-required"],
    mutate: (plan) => {
      the(plan, "aws:kms/key:Key", named("-backup-key")).inputs.enableKeyRotation = false;
    },
  },
  // The threat model's examples (docs/ARCHITECTURE.md, "Threat model"): each fails exactly its rule.
  {
    name: "grant a host role administrator rights",
    policies: ["host-roles-least-privilege"],
    mutate: (plan) => {
      const role = the(plan, "aws:iam/role:Role", named("-pools-core-hosts-host"));
      add(
        plan,
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "core-host-admin",
        { policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
        { role },
      );
    },
  },
  {
    name: "remove every backup selection",
    policies: ["backup-selections-cover-stateful-resources"],
    mutate: (plan) =>
      plan.resources.filter((r) => r.type === "aws:backup/selection:Selection").forEach((r) => drop(plan, r)),
  },
  {
    name: "remove the isolated vault's deny-delete policy",
    policies: ["backup-isolated-vaults-deny-deletion"],
    mutate: (plan) =>
      drop(
        plan,
        the(plan, "aws:backup/vaultPolicy:VaultPolicy", () => true),
      ),
  },
  {
    name: "give the data tier a default route",
    policies: ["tier-tags-match-topology"],
    mutate: (plan) => {
      const table = the(plan, T.routeTable, (r) => tags(r).tier === "data");
      const nat = the(plan, T.nat, (r) => tags(r).site === tags(table).site);
      add(
        plan,
        T.route,
        "data-default",
        { destinationCidrBlock: "0.0.0.0/0" },
        { routeTableId: table, natGatewayId: nat },
      );
    },
  },
  {
    name: "admit the database from the web tier",
    policies: ["reachability-matches-design"],
    mutate: (plan) => {
      const db = the(plan, T.sg, (r) => r.name.startsWith("core-db-") && r.name.endsWith("-db"));
      const site = tags(db).site;
      add(
        plan,
        T.ingress,
        "db-from-web",
        { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, description: "x", tags: tags(db) },
        { securityGroupId: db, referencedSecurityGroupId: the(plan, T.sg, named(`${site}-pools-web`)) },
      );
    },
  },
  {
    name: "tag a core security group as an SBC's, to slip past the private-tier rules",
    policies: ["tier-tags-match-topology"],
    mutate: (plan) => {
      const group = the(plan, T.sg, named("-pools-core"));
      group.inputs.tags = { ...tags(group), tier: "sbc" };
    },
  },
  {
    name: "slip the internet into the prefix list of the other sites' cores, which the core admits",
    policies: ["no-internet-ingress-outside-sbc-and-web", "reachability-matches-design"],
    mutate: (plan) => {
      const peers = the(plan, "aws:ec2/managedPrefixList:ManagedPrefixList", named("-allowlists-peer-cores"));
      const entries = peers.inputs.entries as { cidr: string; description: string }[];
      peers.inputs.entries = [...entries, { cidr: "0.0.0.0/0", description: "anyone" }];
      peers.inputs.maxEntries = entries.length + 1;
    },
  },
  {
    name: "add a block nobody allowlisted to the SBCs' customer prefix list",
    policies: ["reachability-matches-design", "sbc-ingress-only-from-allowlisted-carriers-and-customers"],
    mutate: (plan) => {
      const customers = the(plan, "aws:ec2/managedPrefixList:ManagedPrefixList", named("-allowlists-customers"));
      const entries = customers.inputs.entries as { cidr: string; description: string }[];
      customers.inputs.entries = [...entries, { cidr: "198.51.100.0/24", description: "customer unknown" }];
      customers.inputs.maxEntries = entries.length + 1;
    },
  },
  {
    name: "let the data tier send HTTPS to the internet",
    policies: ["private-tiers-behind-acls-and-egress-limits"],
    mutate: (plan) => {
      const db = the(plan, T.sg, (r) => r.name.startsWith("core-db-") && r.name.endsWith("-db"));
      add(
        plan,
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        "db-to-world",
        { cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443, tags: tags(db) },
        { securityGroupId: db },
      );
    },
  },
  {
    name: "delete an SBC's recover alarm",
    policies: ["servers-withdrawable-on-failure"],
    mutate: (plan) => drop(plan, the(plan, "aws:cloudwatch/metricAlarm:MetricAlarm", named("-pools-sbc-1-recover"))),
  },
  {
    name: "let a data centre tunnel fall back to IKEv1",
    policies: ["vpn-tunnels-ikev2-strong-crypto-logged"],
    mutate: (plan) => {
      the(plan, "aws:ec2/vpnConnection:VpnConnection", () => true).inputs.tunnel1IkeVersions = ["ikev1", "ikev2"];
    },
  },
  {
    name: "stop logging admin VPN connections",
    policies: ["client-vpn-strong-auth-and-logged"],
    mutate: (plan) => {
      (
        the(plan, "aws:ec2clientvpn/endpoint:Endpoint", () => true).inputs.connectionLogOptions as Record<
          string,
          unknown
        >
      ).enabled = false;
    },
  },
  {
    name: "let the database accept clear-text connections",
    policies: ["database-tls-required-and-logged"],
    mutate: (plan) => {
      the(plan, "aws:rds/parameterGroup:ParameterGroup", () => true).inputs.parameters = [
        { name: "rds.force_ssl", value: "0" },
      ];
    },
  },
  {
    name: "serve the web entry with TLS 1.0",
    policies: ["listeners-tls-1-2-or-redirect"],
    mutate: (plan) => {
      the(plan, "aws:lb/listener:Listener", named("-pools-web-https")).inputs.sslPolicy = "ELBSecurityPolicy-2016-08";
    },
  },
  {
    name: "point a web launch template at an arbitrary AMI id, keeping its rhel-ami-name tag",
    policies: ["images-only-from-validated-rhel-list"],
    mutate: (plan) => {
      // The tag still names the validated release: only the id is evidence.
      the(plan, T.launchTemplate, named("-pools-web-hosts")).inputs.imageId = "ami-0123456789abcdef0";
    },
  },
];

import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { actionMatches, statementsOf } from "../lib/iamDocuments";
import { referenced, regionOf } from "../lib/resources";
import { known, UNKNOWN } from "../lib/values";

const VAULT = "aws:backup/vault:Vault";
const DEFAULTS = {
  /** What the isolated vault's access policy must deny to everyone (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault-access-policy.html). */
  deniedActions: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"],
  /** Account that holds the isolated vault when `backup.isolatedAccountRoleArn` is set; empty: the production account. */
  isolatedAccountId: "",
  /** The region that holds the isolated vault (`backup.isolatedRegion`); empty: known only from the plans copying into it. */
  isolatedRegion: "",
};

/**
 * The isolated copies: vaults the stack's plans copy into from another region, and every vault in the
 * isolated region (the shared stack holds the vault, the site stacks the plans that copy into it by ARN,
 * so no one stack sees both ends; a vault's region is its provider's or its own, not a tag).
 */
function isolatedVaults(resources: readonly PolicyResource[], isolatedRegion: string): PolicyResource[] {
  const vaults = new Map<string, PolicyResource>();
  if (isolatedRegion)
    resources.filter((r) => r.type === VAULT && regionOf(r) === isolatedRegion).forEach((v) => vaults.set(v.urn, v));
  for (const plan of resources.filter((r) => r.type === "aws:backup/plan:Plan")) {
    referenced(plan, "rules", VAULT)
      .filter((v) => regionOf(v) !== regionOf(plan))
      .forEach((v) => vaults.set(v.urn, v));
  }
  return [...vaults.values()];
}

/** The accounts of the roles a provider assumes (assumeRoles is structured input, carried as JSON text). */
function assumedAccounts(vault: PolicyResource): string[] {
  const raw = known(() => vault.provider?.props.assumeRoles) ?? known(() => vault.provider?.props.assumeRole);
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      return [];
    }
  }
  const roles = Array.isArray(value) ? value : value ? [value] : [];
  return roles
    .map((r) => /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(String((r as { roleArn?: unknown })?.roleArn ?? ""))?.[1])
    .filter((a): a is string => !!a);
}

/**
 * S11: the isolated copies survive a compromised production account. Every vault the plans copy into
 * from another region has an access policy that denies everyone the deletion of recovery points (a Deny
 * for Principal *, on Resource * or the recovery points), and, when an isolated account is configured,
 * lives in that account (its provider assumes a role there).
 */
export const backupIsolatedVaultsDenyDeletion: StackValidationPolicy = {
  name: "backup-isolated-vaults-deny-deletion",
  description:
    "Every vault that receives cross-region copies has an access policy denying everyone DeleteRecoveryPoint and UpdateRecoveryPointLifecycle, " +
    "and sits in the isolated account when one is configured.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["ransomware", "backup"],
  configSchema: {
    properties: {
      deniedActions: {
        type: "array",
        items: { type: "string" },
        default: DEFAULTS.deniedActions,
        description: "Actions the vault policy denies to everyone",
      },
      isolatedAccountId: {
        type: "string",
        default: DEFAULTS.isolatedAccountId,
        description: "Account of the isolated vault (empty: same account)",
      },
      isolatedRegion: {
        type: "string",
        default: DEFAULTS.isolatedRegion,
        description: "Region of the isolated vault (every vault there is held to this rule)",
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const { deniedActions, isolatedAccountId, isolatedRegion } = configOf(args, DEFAULTS);
    const policies = args.resources.filter((r) => r.type === "aws:backup/vaultPolicy:VaultPolicy");
    for (const vault of isolatedVaults(args.resources, isolatedRegion)) {
      const own = policies.filter((p) => referenced(p, "backupVaultName", VAULT).some((v) => v.urn === vault.urn));
      if (own.length === 0)
        reportViolation(
          `${vault.name}: is an isolated vault (receives cross-region copies) but has no vault access policy denying deletion`,
          vault.urn,
        );
      for (const policy of own) {
        const document = known(() => policy.props.policy);
        if (document === UNKNOWN) continue;
        const denies = (statementsOf(document) ?? []).filter(
          (s) =>
            s.effect === "Deny" &&
            s.principals.includes("*") &&
            s.resources.some((r) => r === "*" || r.includes(":recovery-point:")),
        );
        const missing = deniedActions.filter((a) => !denies.some((s) => s.actions.some((p) => actionMatches(p, a))));
        if (missing.length > 0)
          reportViolation(
            `${policy.name}: does not deny ${missing.join(", ")} to everyone on the vault's recovery points`,
            policy.urn,
          );
      }
      if (isolatedAccountId && !assumedAccounts(vault).includes(isolatedAccountId)) {
        reportViolation(
          `${vault.name}: the isolated vault is not in account ${isolatedAccountId} (its provider assumes no role there)`,
          vault.urn,
        );
      }
    }
  },
};

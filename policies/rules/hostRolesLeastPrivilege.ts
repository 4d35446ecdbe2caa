import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { actionMatches, Statement, statementsOf } from "../lib/iamDocuments";
import { referenced } from "../lib/resources";
import { indices, known, UNKNOWN } from "../lib/values";

const ROLE = "aws:iam/role:Role";
const DEFAULTS = {
  /** What a pool host may carry: Session Manager and the CloudWatch agent (components/pools/instanceRole.ts). */
  allowedManagedPolicies: [
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
  ],
  /**
   * What a ransomware operator on a host would call to destroy the way back: recovery points, vaults and
   * their locks and policies, the keys that decrypt backups, snapshots, and IAM itself.
   */
  destructiveActions: [
    "backup:DeleteRecoveryPoint",
    "backup:UpdateRecoveryPointLifecycle",
    "backup:DeleteBackupVault",
    "backup:DeleteBackupVaultLockConfiguration",
    "backup:DeleteBackupVaultAccessPolicy",
    "backup:PutBackupVaultAccessPolicy",
    "backup:DeleteBackupPlan",
    "backup:DeleteBackupSelection",
    "kms:ScheduleKeyDeletion",
    "kms:DisableKey",
    "kms:PutKeyPolicy",
    "kms:DeleteAlias",
    "rds:DeleteDBInstance",
    "rds:DeleteDBSnapshot",
    "rds:DeleteDBInstanceAutomatedBackup",
    "rds:ModifyDBInstance",
    "ec2:DeleteSnapshot",
    "ec2:DeleteVolume",
    "iam:PassRole",
    "iam:AttachRolePolicy",
    "iam:PutRolePolicy",
    "iam:CreateAccessKey",
  ],
};

/** A host role: trusted by EC2, or the role of an instance profile. */
function hostRoles(resources: readonly PolicyResource[]): Set<string> {
  const roles = new Set<string>();
  for (const r of resources) {
    const trust = r.type === ROLE ? known(() => r.props.assumeRolePolicy) : undefined;
    if (typeof trust === "string" && trust.includes("ec2.amazonaws.com")) roles.add(r.urn);
    if (r.type === "aws:iam/instanceProfile:InstanceProfile")
      referenced(r, "role", ROLE).forEach((role) => roles.add(role.urn));
  }
  return roles;
}

function statementProblems(statements: Statement[], destructive: string[]): string[] {
  return statements
    .filter((s) => s.effect === "Allow")
    .flatMap((s) => {
      if (s.notActions.length > 0) return [`allows everything but ${s.notActions.join(", ")} (NotAction)`];
      const everything = s.actions.filter((a) => a === "*" || /^[a-z0-9-]+:\*$/i.test(a));
      if (everything.length > 0) return [`allows ${everything.join(", ")}`];
      const hits = destructive.filter((d) => s.actions.some((a) => actionMatches(a, d)));
      return hits.length > 0 ? [`allows ${hits.join(", ")}`] : [];
    });
}

/**
 * S11: a compromised host cannot destroy the backups. Host roles carry only the allowed managed policies,
 * and no inline or customer policy of theirs allows `*`, a whole service, NotAction, or an action that
 * deletes backups, recovery points, keys or snapshots. A document unknown at preview is not judged.
 */
export const hostRolesLeastPrivilege: StackValidationPolicy = {
  name: "host-roles-least-privilege",
  description:
    "Roles that EC2 hosts assume carry only the allowed managed policies, and no policy of theirs allows *, a whole service, NotAction, " +
    "or an action that deletes backups, recovery points, keys or snapshots.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["ransomware", "iam", "fsbp:IAM.1"],
  configSchema: {
    properties: {
      allowedManagedPolicies: {
        type: "array",
        items: { type: "string" },
        default: DEFAULTS.allowedManagedPolicies,
        description: "Managed policy ARNs hosts may carry",
      },
      destructiveActions: {
        type: "array",
        items: { type: "string" },
        default: DEFAULTS.destructiveActions,
        description: "Actions no host may be allowed",
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const { allowedManagedPolicies, destructiveActions } = configOf(args, DEFAULTS);
    const roles = hostRoles(args.resources);
    const onHostRole = (r: PolicyResource) => referenced(r, "role", ROLE).filter((role) => roles.has(role.urn));
    const judge = (r: PolicyResource, document: unknown, where: string) => {
      if (document === UNKNOWN || document === undefined) return;
      const problems = statementProblems(statementsOf(document) ?? [], destructiveActions);
      if (problems.length > 0) reportViolation(`${r.name}: ${where} ${problems.join("; ")}`, r.urn);
    };
    for (const r of args.resources) {
      if (r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment" && onHostRole(r).length > 0) {
        const arn = known(() => r.props.policyArn);
        const customer = referenced(r, "policyArn", "aws:iam/policy:Policy");
        if (customer.length > 0)
          customer.forEach((p) =>
            judge(
              r,
              known(() => p.props.policy),
              `attaches ${p.name}, which`,
            ),
          );
        else if (typeof arn === "string" && !allowedManagedPolicies.includes(arn))
          reportViolation(
            `${r.name}: attaches ${arn} to host role ${onHostRole(r)[0].name}, which is not an allowed host policy`,
            r.urn,
          );
      }
      if (r.type === "aws:iam/rolePolicy:RolePolicy" && onHostRole(r).length > 0)
        judge(
          r,
          known(() => r.props.policy),
          "inline policy",
        );
      if (r.type === ROLE && roles.has(r.urn)) {
        indices(known(() => r.props.managedPolicyArns)).forEach((i) => {
          const arn = known(() => r.props.managedPolicyArns[i]);
          if (typeof arn === "string" && !allowedManagedPolicies.includes(arn))
            reportViolation(`${r.name}: managedPolicyArns holds ${arn}, which is not an allowed host policy`, r.urn);
        });
        indices(known(() => r.props.inlinePolicies)).forEach((i) =>
          judge(
            r,
            known(() => r.props.inlinePolicies[i].policy),
            `inlinePolicies[${i}]`,
          ),
        );
      }
    }
  },
};

import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { referenced, regionOf } from "../lib/resources";
import { asArray, known } from "../lib/values";

const CADENCES = ["daily", "weekly", "monthly"] as const;
const DESTINATION_VAULTS = ["aws:backup/vault:Vault", "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault"];
type Cadence = (typeof CADENCES)[number];

/** A rule's cadence, from its name or, failing that, the shape of its cron schedule. */
export function cadenceOf(ruleName: unknown, schedule: unknown): Cadence | undefined {
  const name = typeof ruleName === "string" ? ruleName.toLowerCase() : "";
  const byName = CADENCES.find((c) => name.includes(c));
  if (byName) return byName;
  const cron =
    typeof schedule === "string"
      ? /^cron\(\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*\)$/.exec(schedule)
      : null;
  if (!cron) return undefined;
  const [, , , dayOfMonth, month, dayOfWeek] = cron;
  if (month !== "*") return undefined;
  if (dayOfMonth === "*" && dayOfWeek === "?") return "daily";
  if (dayOfMonth === "?" && dayOfWeek !== "*" && dayOfWeek !== "?") return "weekly";
  if (/^\d+$/.test(dayOfMonth) && dayOfWeek === "?") return "monthly";
  return undefined;
}

function regionOfArn(arn: unknown): string | undefined {
  return typeof arn === "string" ? arn.split(":")[3] || undefined : undefined;
}

/** Regions the plan's copy actions lead to: literal vault ARNs, else vaults the rules refer to. */
function copyRegions(plan: PolicyResource, ruleIndex: number): string[] {
  const actions = asArray(known(() => plan.props.rules[ruleIndex].copyActions));
  return actions.flatMap((_, j) => {
    const literal = regionOfArn(known(() => plan.props.rules[ruleIndex].copyActions[j].destinationVaultArn));
    if (literal) return [literal];
    // ARNs are unknown at preview: the destination is among the vaults the rules depend on.
    return referenced(plan, "rules")
      .filter((d) => DESTINATION_VAULTS.includes(d.type))
      .map(regionOf)
      .filter((r): r is string => !!r);
  });
}

/** S11/S12: daily, weekly and monthly backups, each copied to a vault in another region. */
export const backupPlanDailyWeeklyMonthlyCrossRegion: StackValidationPolicy = {
  name: "backup-plan-daily-weekly-monthly-with-cross-region-copy",
  description:
    "Every backup plan has a daily, a weekly and a monthly rule, and each copies its recovery points to a vault in another region.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["ransomware", "backup"],
  validateStack: (args, reportViolation) => {
    for (const plan of args.resources) {
      if (plan.type !== "aws:backup/plan:Plan") continue;
      const home = regionOf(plan);
      const rules = asArray(known(() => plan.props.rules));
      const found = new Map<Cadence, number>();
      rules.forEach((_, i) => {
        const cadence = cadenceOf(
          known(() => plan.props.rules[i].ruleName),
          known(() => plan.props.rules[i].schedule),
        );
        if (cadence && !found.has(cadence)) found.set(cadence, i);
      });
      const problems: string[] = [];
      CADENCES.forEach((cadence) => {
        const i = found.get(cadence);
        if (i === undefined) return problems.push(`no ${cadence} rule`);
        const regions = copyRegions(plan, i);
        if (regions.length === 0) problems.push(`the ${cadence} rule copies nowhere`);
        else if (!regions.some((r) => r !== home))
          problems.push(`the ${cadence} rule copies only within ${home ?? "its region"}`);
        return undefined;
      });
      if (problems.length > 0) reportViolation(`${plan.name}: ${problems.join("; ")}`, plan.urn);
    }
  },
};

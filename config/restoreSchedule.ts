// How often a restore testing schedule runs, as far as the never-ran alarm needs to know: at least
// weekly, since CloudWatch evaluates an alarm over 7 days at most (components/backup/restoreTesting.ts).
import type { ConfigIssue } from "./relations";
import { NetworkConfig } from "./schema";

/** Days between runs of a schedule at most, or undefined when the expression does not say it runs weekly. */
export function maxDaysBetweenRuns(expression: string): number | undefined {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const n = Number(rate[1]);
    return rate[2].startsWith("day") ? n : rate[2].startsWith("hour") ? n / 24 : n / 1440;
  }
  // EventBridge cron: minutes hours day-of-month month day-of-week year. Every month, any day of the
  // month: daily (day-of-week * or ?) or on listed weekdays (at most 7 days apart).
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression);
  if (!cron) return undefined;
  const [, , , dayOfMonth, month, dayOfWeek] = cron;
  if (month !== "*" || !["*", "?"].includes(dayOfMonth)) return undefined;
  return ["*", "?"].includes(dayOfWeek) ? 1 : 7;
}

export function restoreScheduleRelations(c: NetworkConfig): ConfigIssue[] {
  const { schedule } = c.backup.restoreTesting;
  const days = maxDaysBetweenRuns(schedule);
  return days !== undefined && days <= 7
    ? []
    : [
        {
          path: ["backup", "restoreTesting", "schedule"],
          message: `"${schedule}" does not run at least weekly: the restore-never-ran alarm watches 7 days, CloudWatch's longest evaluation range`,
        },
      ];
}

// One environment's offline plan in a fresh process, the work `npm run plan -- --env <environment>`
// does (every stack previewed, a stack others read also run as `up`, each with the policy pack,
// preflight, figures and reachability, then the environment-wide checks; every plan serialized and
// written, the report formatted), for a stack file's environment or a synthetic one. Started by
// environmentPlanCase.ts, which times the whole process from outside.
import * as fs from "fs";
import * as path from "path";
import { withRunner } from "../plan/cli";
import { serializePlan } from "../plan/document";
import { planEnvironment, planOf } from "../plan/environmentPlan";
import { formatEnvironment } from "../plan/environmentReport";
import { readStackConfig } from "../stackConfig";
import { syntheticStackConfig } from "./syntheticNetwork";

export interface EnvironmentPlanJob {
  /** A stack file's environment ("prod"), or a synthetic one of `sites` AWS sites. */
  readonly environment: string | { readonly sites: number };
  /** As `npm run plan -- --jobs`: processes that run programs, this one included. */
  readonly jobs: number;
  readonly outDir: string;
}

/** What the floor needs of the plan: the registrations of each program run it made. */
export interface EnvironmentPlanCounts {
  readonly stacks: number;
  /** One entry per run (a preview per stack; an `up` too per stack others read), its registrations. */
  readonly runs: number[];
}

async function planJob(job: EnvironmentPlanJob): Promise<EnvironmentPlanCounts> {
  const environment =
    typeof job.environment === "string" ? readStackConfig(job.environment) : syntheticStackConfig(job.environment.sites);
  const plan = await withRunner(job.jobs, (runStack) => planEnvironment(environment, { runStack }));
  fs.mkdirSync(job.outDir, { recursive: true });
  plan.stacks.forEach((s) => fs.writeFileSync(path.join(job.outDir, `${s.spec.name}.json`), serializePlan(planOf(s))));
  formatEnvironment(plan);
  const read = new Set(plan.stacks.flatMap((s) => s.spec.reads));
  return {
    stacks: plan.stacks.length,
    // An `up` registers what its preview does (same program and config; only unknowns differ).
    runs: plan.stacks.flatMap((s) => {
      const registrations = planOf(s).resources.length;
      return read.has(s.spec.name) ? [registrations, registrations] : [registrations];
    }),
  };
}

if (require.main === module) {
  const job = JSON.parse(process.argv[2]) as EnvironmentPlanJob & { countsFile: string };
  planJob(job).then(
    (counts) => {
      fs.writeFileSync(job.countsFile, JSON.stringify(counts));
      process.exit(0);
    },
    (err) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
}

// One measurement in a fresh process: the Pulumi runtime keeps global state (one stack per process),
// and a process of its own gives a clean peak-memory figure. Started by cli.ts through `fork`.
import { performance } from "perf_hooks";
import { readStackConfig } from "../stackConfig";
import { CriticalPath, criticalPath } from "./deployTime";
import * as fs from "fs";
import { PlanResource } from "../plan/capture";
import { runFloor, runReplay } from "./floor";
import { countByType } from "./growth";
import { measureChange, measureEnvironment } from "./environmentRun";
import { planStackConfig } from "./planStack";
import { syntheticStackConfig } from "./syntheticNetwork";
import { policyConfigForStack } from "../policy/fromStack";
import { policyViolationsFor } from "../policy/report";

/** A real stack file, a synthetic network of `sites` AWS sites, or a floor of `resources` registrations. */
export type Job =
  | { readonly kind: "stack"; readonly stack: string; readonly planOut?: string }
  | { readonly kind: "synthetic"; readonly sites: number; readonly planOut?: string }
  | { readonly kind: "floor"; readonly resources: number }
  | { readonly kind: "replay"; readonly planFile: string }
  /** `npm run plan -- --check` of a real stack's saved plan: its pack config derived, every policy evaluated. */
  | { readonly kind: "check"; readonly stack: string; readonly planFile: string };

/** The stacks of a synthetic environment (environmentRun.ts), and the planning of a one-site change in it. */
export type EnvironmentJob =
  | { readonly kind: "environment"; readonly sites: number; readonly outputsFile: string }
  | { readonly kind: "change"; readonly sites: number; readonly planned: readonly string[]; readonly outputsFile: string };

export interface Measurement {
  /** Resources registered (stack, providers and components included). */
  readonly resources: number;
  /** Wall time of the measured step: config to plan document (or the floor program). */
  readonly wallMs: number;
  /** CPU time (user + system, all threads) of the same step: steadier than wall time on a shared machine. */
  readonly cpuMs: number;
  /** Peak resident set of the whole process, in MB (`process.resourceUsage().maxRSS`). */
  readonly peakRssMb: number;
  readonly countsByType: Record<string, number>;
  /** Plans only. */
  readonly criticalPath?: CriticalPath;
  /** Plans only: CPU time of the preflight inside the measured step (the plan without it is cpuMs minus this). */
  readonly preflightCpuMs?: number;
}

export async function measure(job: Job): Promise<Measurement> {
  const config = job.kind === "stack" ? readStackConfig(job.stack) : job.kind === "synthetic" ? syntheticStackConfig(job.sites) : undefined;
  // A replay reads its plan before the measured window opens.
  const replayed = job.kind === "replay" || job.kind === "check" ? (JSON.parse(fs.readFileSync(job.planFile, "utf8")) as PlanResource[]) : [];
  const checkPlan = async (stack: string) => {
    await policyViolationsFor(replayed, policyConfigForStack(stack));
    return replayed;
  };
  const timings: { preflightCpuMs?: number } = {};
  const step = async () =>
    job.kind === "floor" ? runFloor(job.resources) : job.kind === "replay" ? runReplay(replayed) : job.kind === "check" ? checkPlan(job.stack) : (await planStackConfig(config!, undefined, { timings })).resources;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const resources = await step();
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = performance.now() - start;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  // Outside the measured window: the plan's resources, for the replay floor.
  if ((job.kind === "stack" || job.kind === "synthetic") && job.planOut) fs.writeFileSync(job.planOut, JSON.stringify(resources));
  return {
    resources: resources.length,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb,
    countsByType: countByType(resources),
    criticalPath: config ? criticalPath(resources) : undefined,
    preflightCpuMs: timings.preflightCpuMs,
  };
}

if (require.main === module) {
  const job = JSON.parse(process.argv[2] ?? "null") as Job | EnvironmentJob;
  const reply = (message: unknown, code: number) => process.send!(message, () => process.exit(code));
  const work: Promise<unknown> =
    job.kind === "environment"
      ? measureEnvironment(job.sites, job.outputsFile)
      : job.kind === "change"
        ? measureChange(job.sites, job.planned, job.outputsFile)
        : measure(job);
  work.then(
    (result) => reply({ ok: true, result }, 0),
    (err) => reply({ ok: false, error: err instanceof Error ? err.message : String(err) }, 1),
  );
}

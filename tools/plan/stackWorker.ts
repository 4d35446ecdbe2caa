// A worker process of the environment plan (workerPool.ts): runs one stack's program per message and
// sends its run back, wire outputs included. The runtime is a singleton per process, hence processes.
import type { StackConfig } from "../stackConfig";
import { type ProgramRunOptions, runProgram } from "./programRun";

export interface StackJob {
  readonly id: number;
  readonly config: StackConfig;
  readonly options: ProgramRunOptions;
}

process.on("message", (job: StackJob) => {
  runProgram(job.config, job.options).then(
    (run) => process.send!({ id: job.id, run }),
    (err: unknown) =>
      process.send!({ id: job.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
// The pool disconnects when the plan is done: nothing else keeps this process.
process.on("disconnect", () => process.exit(0));

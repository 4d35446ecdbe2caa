// A worker process of the environment plan (workerPool.ts): runs one stack's program per message and
// sends its run back, wire outputs included. The runtime is a singleton per process, hence processes.
import * as path from "path";
import { PROJECT_ROOT, type StackConfig } from "../stackConfig";
import { type ProgramRunOptions, runProgram } from "./programRun";

export interface StackJob {
  readonly id: number;
  readonly config: StackConfig;
  readonly options: ProgramRunOptions;
}

/**
 * Sends to the pool if it is still there: a pool closed while this worker was loading or running
 * (the plan ended without it) is no error of the worker's, and `send` to a closed channel would throw
 * EPIPE from the event loop.
 */
const reply = (message: object) => {
  if (process.connected) process.send!(message, undefined, {}, () => undefined);
};

process.on("message", (job: StackJob) => {
  runProgram(job.config, job.options).then(
    (run) => reply({ id: job.id, run }),
    (err: unknown) => reply({ id: job.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
// The pool disconnects when the plan is done: nothing else keeps this process.
process.on("disconnect", () => process.exit(0));
// Loads the program (the runtime and every module index.ts imports; requiring it registers nothing:
// it exports the function each run calls), then says it is ready: a pool started early sends it runs
// only then (workerPool.ts withWorkers).
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(path.join(PROJECT_ROOT, "index.ts"));
reply({ ready: true });

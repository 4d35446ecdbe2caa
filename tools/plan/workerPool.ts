// Worker processes for the environment plan: the stacks of one dependency level run side by side, one
// per process (the Pulumi runtime is a process-wide singleton). A worker that dies fails its stack's
// run, named, and with it the plan.
import { type ChildProcess, fork } from "child_process";
import * as path from "path";
import { planExecArgv } from "../nodeFlags";
import { PROJECT_ROOT, type StackConfig } from "../stackConfig";
import type { ProgramRun, ProgramRunOptions } from "./programRun";
import type { StackJob } from "./stackWorker";

export type RunStack = (config: StackConfig, options: ProgramRunOptions) => Promise<ProgramRun>;

interface Pending {
  readonly job: StackJob;
  resolve(run: ProgramRun): void;
  reject(err: Error): void;
}

type Reply = { id: number; run: ProgramRun } | { id: number; error: string };

export interface WorkerPool {
  readonly run: RunStack;
  /** Lets the workers exit (they end when disconnected). */
  close(): void;
}

/** Up to `size` workers running `module` (default stackWorker.ts, with the preload `npm run plan` runs with). */
export function workerPool(size: number, module = path.join(__dirname, "stackWorker.ts")): WorkerPool {
  const queue: Pending[] = [];
  const idle: ChildProcess[] = [];
  const busy = new Map<ChildProcess, Pending>();
  let started = 0;
  let nextId = 0;

  const spawn = (): ChildProcess => {
    const execArgv = module.endsWith(".ts") ? planExecArgv() : [];
    const worker = fork(module, [], { execArgv, cwd: PROJECT_ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    started++;
    worker.on("message", (reply: Reply) => {
      const pending = busy.get(worker);
      if (!pending || pending.job.id !== reply.id) return;
      busy.delete(worker);
      if ("run" in reply) pending.resolve(reply.run);
      else pending.reject(new Error(`stack ${pending.job.config.stack}: ${reply.error}`));
      idle.push(worker);
      dispatch();
    });
    worker.on("exit", (code, signal) => {
      const pending = busy.get(worker);
      busy.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      started--;
      pending?.reject(
        new Error(
          `the worker planning stack ${pending.job.config.stack} exited (${signal ? `signal ${signal}` : `code ${code}`}) before it finished`,
        ),
      );
      dispatch();
    });
    return worker;
  };

  const dispatch = () => {
    while (queue.length > 0) {
      const worker = idle.pop() ?? (started < size ? spawn() : undefined);
      if (!worker) return;
      const pending = queue.shift()!;
      busy.set(worker, pending);
      worker.send(pending.job);
    }
  };

  return {
    run: (config, options) =>
      new Promise<ProgramRun>((resolve, reject) => {
        queue.push({ job: { id: nextId++, config, options }, resolve, reject });
        dispatch();
      }),
    close: () => [...idle, ...busy.keys()].forEach((w) => w.connected && w.disconnect()),
  };
}

/** The in-process runner: one run at a time (the runtime is a singleton). */
export function serialized(run: RunStack): RunStack {
  let tail: Promise<unknown> = Promise.resolve();
  return (config, options) => {
    const next = tail.then(() => run(config, options));
    tail = next.catch(() => undefined);
    return next;
  };
}

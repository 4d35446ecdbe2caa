// Worker processes for the environment plan: the stacks of one dependency level run side by side, one
// per process (the Pulumi runtime is a process-wide singleton). A worker that dies fails its stack's
// run, named, and with it the plan.
import { type ChildProcess, fork } from "child_process";
import * as path from "path";
import { planNodeFlags } from "../nodeFlags";
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
  /**
   * Disconnects the workers (they end when disconnected) and resolves once every one has exited: a
   * caller that returns earlier leaves live child processes behind (in jest, a worker that cannot
   * exit). Bounded: a worker still alive after `graceMs` is killed.
   */
  close(graceMs?: number): Promise<void>;
}

/** Up to `size` workers running `module` (default stackWorker.ts, through ts-node as `npm run plan` runs). */
export function workerPool(size: number, module = path.join(__dirname, "stackWorker.ts")): WorkerPool {
  const queue: Pending[] = [];
  const idle: ChildProcess[] = [];
  const busy = new Map<ChildProcess, Pending>();
  /** Every worker started, until it exits: what close() waits for. */
  const all = new Set<ChildProcess>();
  let started = 0;
  let nextId = 0;

  const spawn = (): ChildProcess => {
    const execArgv = module.endsWith(".ts") ? [...planNodeFlags(), "-r", "ts-node/register"] : [];
    const worker = fork(module, [], { execArgv, cwd: PROJECT_ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    all.add(worker);
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
      all.delete(worker);
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
    close: async (graceMs = 5000) => {
      const alive = [...all].filter((w) => w.exitCode === null && w.signalCode === null);
      const exited = alive.map((w) => new Promise<void>((resolve) => w.once("exit", () => resolve())));
      alive.forEach((w) => w.connected && w.disconnect());
      const force = setTimeout(() => alive.forEach((w) => w.kill("SIGKILL")), graceMs);
      await Promise.all(exited);
      clearTimeout(force);
    },
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

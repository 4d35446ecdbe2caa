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

type Reply = { id: number; run: ProgramRun } | { id: number; error: string } | { ready: true };

export interface WorkerPool {
  readonly run: RunStack;
  /** Workers that have loaded the program (stackWorker.ts says so) and run nothing now. */
  idleReady(): number;
  /** Called each time a worker becomes ready or finishes a run. */
  onFree(listener: () => void): void;
  /**
   * Disconnects the workers (they end when disconnected) and resolves once every one has exited: a
   * caller that returns earlier leaves live child processes behind (in jest, a worker that cannot
   * exit). Bounded: a worker still alive after `graceMs` is killed.
   */
  close(graceMs?: number): Promise<void>;
}

export interface WorkerPoolOptions {
  /** Start every worker now rather than at its first run, so that its load overlaps other work. */
  readonly early?: boolean;
}

/** Up to `size` workers running `module` (default stackWorker.ts, with the preload `npm run plan` runs with). */
export function workerPool(
  size: number,
  module = path.join(__dirname, "stackWorker.ts"),
  options: WorkerPoolOptions = {},
): WorkerPool {
  const queue: Pending[] = [];
  const idle: ChildProcess[] = [];
  const ready = new Set<ChildProcess>();
  const busy = new Map<ChildProcess, Pending>();
  /** Every worker started, until it exits: what close() waits for. */
  const all = new Set<ChildProcess>();
  const listeners: (() => void)[] = [];
  const free = () => listeners.forEach((listener) => listener());
  let started = 0;
  let nextId = 0;

  const spawn = (): ChildProcess => {
    const execArgv = module.endsWith(".ts") ? planExecArgv() : [];
    const worker = fork(module, [], { execArgv, cwd: PROJECT_ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    all.add(worker);
    started++;
    worker.on("message", (reply: Reply) => {
      if ("ready" in reply) {
        ready.add(worker);
        free();
        return;
      }
      const pending = busy.get(worker);
      if (!pending || pending.job.id !== reply.id) return;
      busy.delete(worker);
      if ("run" in reply) pending.resolve(reply.run);
      else pending.reject(new Error(`stack ${pending.job.config.stack}: ${reply.error}`));
      idle.push(worker);
      dispatch();
      free();
    });
    worker.on("exit", (code, signal) => {
      all.delete(worker);
      ready.delete(worker);
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

  if (options.early) for (let i = 0; i < size; i++) idle.push(spawn());

  return {
    idleReady: () => idle.filter((w) => ready.has(w)).length,
    onFree: (listener) => listeners.push(listener),
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

/**
 * This process's runner (one run at a time) and a pool's workers together: a run goes to this
 * process when it is free (its program is loaded and its JIT warm), else to a worker that has loaded
 * the program, else waits for whichever frees first. Started early, a worker loads while this
 * process makes the first runs (its load is most of what a worker costs: docs/PERFORMANCE.md).
 */
export function withWorkers(local: RunStack, pool: WorkerPool): RunStack {
  const waiting: {
    config: StackConfig;
    options: ProgramRunOptions;
    resolve(run: ProgramRun): void;
    reject(err: unknown): void;
  }[] = [];
  let localBusy = false;
  const next = () => {
    while (waiting.length > 0) {
      if (!localBusy) {
        const job = waiting.shift()!;
        localBusy = true;
        local(job.config, job.options)
          .then(job.resolve, job.reject)
          .finally(() => {
            localBusy = false;
            next();
          });
      } else if (pool.idleReady() > 0) {
        const job = waiting.shift()!;
        pool.run(job.config, job.options).then(job.resolve, job.reject);
      } else return;
    }
  };
  pool.onFree(next);
  return (config, options) =>
    new Promise<ProgramRun>((resolve, reject) => {
      waiting.push({ config, options, resolve, reject });
      next();
    });
}

// The plan's runner with workers started early (tools/plan/workerPool.ts withWorkers): this process
// takes a run whenever it is free; a worker only when this process is busy and the worker has loaded.
import type { ProgramRun } from "../../tools/plan/programRun";
import { type RunStack, type WorkerPool, withWorkers } from "../../tools/plan/workerPool";

/** A run that ends when the test says so, recording who made it. */
function controlledRunner(who: string, made: string[]) {
  const ends: (() => void)[] = [];
  const run: RunStack = (config) =>
    new Promise<ProgramRun>((resolve) => {
      made.push(`${who}:${config.stack}`);
      ends.push(() => resolve({ resources: [], outputs: {}, wireOutputs: {}, reads: {}, amiLookups: [] }));
    });
  return { run, endNext: () => ends.shift()!() };
}

/** A pool of one worker that is ready once the test says so. */
function fakePool(made: string[]) {
  const worker = controlledRunner("worker", made);
  let ready = false;
  let busy = 0;
  const listeners: (() => void)[] = [];
  const pool: WorkerPool = {
    run: (config, options) => {
      busy++;
      return worker.run(config, options).finally(() => {
        busy--;
        listeners.forEach((l) => l());
      });
    },
    idleReady: () => (ready && busy === 0 ? 1 : 0),
    onFree: (listener) => listeners.push(listener),
    close: async () => undefined,
  };
  const becomeReady = () => {
    ready = true;
    listeners.forEach((l) => l());
  };
  return { pool, becomeReady, endNext: worker.endNext };
}

const config = (stack: string) => ({ stack, values: {}, secretKeys: [] });
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("runs shared between this process and early workers", () => {
  it("gives this process the first run, a ready worker the next while this one is busy, and queues the rest", async () => {
    const made: string[] = [];
    const local = controlledRunner("local", made);
    const workers = fakePool(made);
    const run = withWorkers(local.run, workers.pool);
    const runs = ["a", "b", "c", "d"].map((s) => run(config(s), { preview: true }));
    await settle();
    // The worker has not loaded yet: only this process runs.
    expect(made).toEqual(["local:a"]);
    workers.becomeReady();
    await settle();
    expect(made).toEqual(["local:a", "worker:b"]);
    local.endNext();
    await settle();
    expect(made).toEqual(["local:a", "worker:b", "local:c"]);
    workers.endNext();
    await settle();
    expect(made).toEqual(["local:a", "worker:b", "local:c", "worker:d"]);
    local.endNext();
    workers.endNext();
    await expect(Promise.all(runs)).resolves.toHaveLength(4);
  });

  it("never runs two programs in this process at once (the runtime is a singleton)", async () => {
    const made: string[] = [];
    const local = controlledRunner("local", made);
    const run = withWorkers(local.run, fakePool(made).pool);
    const runs = ["a", "b"].map((s) => run(config(s), { preview: true }));
    await settle();
    expect(made).toEqual(["local:a"]);
    local.endNext();
    await settle();
    expect(made).toEqual(["local:a", "local:b"]);
    local.endNext();
    await Promise.all(runs);
  });
});

// Set up before every test file (jest.config.js setupFilesAfterEnv): the program's runs that no stored
// run answers execute in a plain node worker process (tools/plan/stackWorker.ts, started at the first
// such run, loaded the way `npm run plan` loads the program), not in jest's vm sandbox, where they take
// about twice the CPU (docs/PERFORMANCE.md, 2026-12-03). A file that watches its runs in this process
// asks for them `watched` (test/harness/program.ts), and those run here.
import { runElsewhere } from "../../tools/plan/programRun";
import { type WorkerPool, workerPool } from "../../tools/plan/workerPool";

let pool: WorkerPool | undefined;

runElsewhere((config, options) => (pool ??= workerPool(1)).run(config, options));

afterAll(async () => {
  runElsewhere(undefined);
  await pool?.close();
  pool = undefined;
});

// The tests' runs of the program execute in a worker process (test/harness/childRuns.ts, set up before
// every file): a run no stored run answers goes there, `live` so that the worker runs it; a `watched`
// run stays in this process, where the test that watches it replaces a mock's answer. The worker's
// run is the run this process makes.
import { partStackConfig, stacksOf } from "../../tools/plan/environment";
import { type ProgramRun, type ProgramRunOptions, runElsewhere, runProgram } from "../../tools/plan/programRun";
import { workerPool } from "../../tools/plan/workerPool";
import { readStackConfig } from "../../tools/stackConfig";
import { ROOT } from "../harness/program";

const environment = readStackConfig("staging", ROOT);
const shared = partStackConfig(environment, stacksOf(environment)[0]);

describe("where a test's run of the program executes", () => {
  const sent: ProgramRunOptions[] = [];
  const pool = workerPool(1);
  beforeAll(() =>
    runElsewhere((config, options) => {
      sent.push(options);
      return pool.run(config, options);
    }),
  );
  afterAll(async () => {
    await pool.close();
  });
  // The runner set here replaces childRuns.ts's for this file; that file's afterAll clears it.

  let inWorker: ProgramRun;
  let here: ProgramRun;
  beforeAll(async () => {
    inWorker = await runProgram(shared, { preview: true, live: true });
    here = await runProgram(shared, { preview: true, watched: true });
  }, 60_000);

  it("sends an unstored, unwatched run to the worker, live, and keeps a watched one here", () => {
    expect(sent).toEqual([expect.objectContaining({ preview: true, live: true })]);
    expect(sent[0].watched).toBeUndefined();
  });

  it("gets from the worker the run this process makes: resources, outputs and reads", () => {
    expect(inWorker.resources.length).toBeGreaterThan(10);
    expect(JSON.parse(JSON.stringify(inWorker))).toEqual(JSON.parse(JSON.stringify(here)));
  });

  it("runs here when no runner is set", async () => {
    runElsewhere(undefined);
    const again = await runProgram(shared, { preview: true, live: true });
    expect(sent).toHaveLength(1);
    expect(again.resources.map((r) => r.urn)).toEqual(here.resources.map((r) => r.urn));
  });
});

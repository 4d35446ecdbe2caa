import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pulumiDefaultParallelism, RUNNER_CPUS } from "../../tools/bench/deployTime";
import { MeasuredEnvironment, measureChange, measureEnvironment } from "../../tools/bench/environmentRun";
import { ChangeTiming } from "../../tools/bench/stacks";

// In-process: one synthetic environment of two sites, every stack previewed (a few seconds).
describe("measuring a synthetic environment's stacks", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-stacks-test-"));
  const outputsFile = path.join(dir, "outputs.json");
  let measured: MeasuredEnvironment;
  let change: ChangeTiming;
  beforeAll(async () => {
    measured = await measureEnvironment(2, outputsFile);
    change = await measureChange(2, measured.change.planned, outputsFile);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("runs every stack in its level and estimates each at Pulumi's default --parallel on the runner", () => {
    expect(measured.parallelism).toBe(pulumiDefaultParallelism(RUNNER_CPUS));
    expect(measured.levels).toEqual([["bench-2"], ["bench-2-site01"], ["bench-2-site02"], ["bench-2-mesh-site02", "bench-2-dns"]]);
    expect(measured.stacks.map((s) => [s.name, s.kind, s.level])).toEqual([
      ["bench-2", "shared", 0],
      ["bench-2-site01", "site", 1],
      ["bench-2-site02", "site", 2],
      ["bench-2-mesh-site02", "mesh", 3],
      ["bench-2-dns", "dns", 3],
    ]);
    measured.stacks.forEach((s) => {
      expect(s.resources).toBeGreaterThan(0);
      expect(s.deploySeconds).toBeGreaterThanOrEqual(s.unlimitedSeconds);
    });
    expect(measured.oneGraph.seconds).toBeGreaterThanOrEqual(measured.oneGraph.unlimitedSeconds);
  });

  it("plans a change to the last site as its stack and its readers, with the upstreams' applied outputs", () => {
    expect(measured.change).toEqual({
      changed: "bench-2-site02",
      planned: ["bench-2-site02", "bench-2-mesh-site02", "bench-2-dns"],
      firstSiteReaders: 3,
      // The first site's SBC pool shrank: DNS reads its SBCs (and their config); the second site and the
      // mesh read its web validation records, database ARN and transit gateway, all unchanged.
      firstSiteReplanned: ["bench-2-dns"],
    });
    const saved = Object.keys(JSON.parse(fs.readFileSync(outputsFile, "utf8")));
    expect(saved).toEqual(["bench-2", "bench-2-site01", "bench-2-site02", "bench-2-mesh-site02", "bench-2-dns"]);
    expect(change.perStack.map((t) => t.name)).toEqual(measured.change.planned);
    expect(change.cpuMs).toBeCloseTo(change.perStack.reduce((sum, t) => sum + t.cpuMs, 0), 6);
  });
});

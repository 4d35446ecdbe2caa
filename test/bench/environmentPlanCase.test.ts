// The whole-environment figures of the benchmark (tools/bench/environmentPlanCase.ts): what each
// process reports of its CPU, workers included, and the table.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { formatEnvironmentPlans } from "../../tools/bench/environmentPlanCase";

const REPORTER = path.join(__dirname, "..", "..", "tools", "bench", "processCpu.js");

describe("the CPU reporter a measured process and its workers are started with", () => {
  it("writes one figure per process at exit, a child's included (NODE_OPTIONS reaches it)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-cpu-test-"));
    try {
      const child = `require("child_process").execFileSync(process.execPath, ["-e", "for (let i = 0; i < 1e6; i++);"]);`;
      execFileSync(process.execPath, ["-e", child], {
        env: { ...process.env, NODE_OPTIONS: `--require ${REPORTER}`, CALLMYWAY_BENCH_CPU_DIR: dir },
      });
      const figures = fs.readdirSync(dir).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
      expect(figures).toHaveLength(2);
      figures.forEach((f) => expect(f).toEqual({ pid: expect.any(Number), cpuMs: expect.any(Number), ageMs: expect.any(Number) }));
      expect(figures.every((f) => f.cpuMs > 0)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the environment plans' table", () => {
  it("gives each environment's plan against its floor, CPU and wall", () => {
    const timing = (wallMs: number, cpuMs: number) => ({ wallMs, cpuMs });
    const text = formatEnvironmentPlans([
      {
        name: "prod",
        stacks: 7,
        runs: 11,
        registrations: 2675,
        inProcess: timing(3000, 2900),
        withWorker: timing(4000, 4100),
        floor: timing(1200, 1160),
        planFloorRatio: 2900 / 1160,
        planFloorWallRatio: 3000 / 1200,
      },
    ]);
    const row = text.split("\n").find((l) => l.startsWith("prod"))!;
    expect(row.split(/\s+/)).toEqual(["prod", "7", "11", "2675", "3000", "2900", "4000", "4100", "1200", "1160", "2.50", "2.50"]);
  });
});

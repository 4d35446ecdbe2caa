// Preloaded (NODE_OPTIONS=--require) into a measured process and every process it starts (the plan's
// workers): at exit, each writes its own CPU time (user + system, all threads) and its age to
// CALLMYWAY_BENCH_CPU_DIR, so the benchmark can add up what a whole command cost, workers included
// (node reports a child's CPU to nobody). Plain JavaScript: it loads before any transpiler.
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");

const dir = process.env.CALLMYWAY_BENCH_CPU_DIR;
if (dir) {
  process.on("exit", () => {
    const cpu = process.cpuUsage();
    const figure = { pid: process.pid, cpuMs: (cpu.user + cpu.system) / 1000, ageMs: performance.now() };
    fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(figure));
  });
}

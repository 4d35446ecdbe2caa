/** Tests run the program under pulumi.runtime.setMocks; types are checked separately by `npm run build`. */
const os = require("os");
const path = require("path");
const { SWC_TRANSFORM } = require("./jest.swc");

// Whole-program runs are shared between test files (tools/plan/runCache.ts); workers inherit this.
// CALLMYWAY_RUN_CACHE=off npm test runs every one afresh.
process.env.CALLMYWAY_RUN_CACHE ??= path.join(os.tmpdir(), "callmyway-test-runs");

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // swc strips the types of each file alone (tsconfig sets isolatedModules), like ts-node does for the
  // offline plan (tsconfig "ts-node": { swc: true }); tsc type-checks once (`npm run build`, in CI).
  transform: SWC_TRANSFORM,
  // Loaded on first use, not with @pulumi/pulumi in every test file (test/harness/lazy/lazyModule.js).
  moduleNameMapper: {
    "^typescript$": "<rootDir>/test/harness/lazy/typescript.js",
    "^@npmcli/arborist$": "<rootDir>/test/harness/lazy/arborist.js",
  },
  // The program's runs execute in a worker process, outside jest's sandbox (test/harness/childRuns.ts).
  setupFilesAfterEnv: ["<rootDir>/test/harness/childRuns.ts"],
  testTimeout: 60000,
  // Jest defaults to one worker less than the cores: on a 2-core machine that is one worker.
  maxWorkers: 2,
  // A worker runs many files in turn and the Pulumi runtime keeps what each whole-program run
  // registered; the rollout tests alone peak at about 2.25 GB of heap. A worker holding more than
  // this after a file is replaced by a fresh one (a supported jest setting) instead of running out of
  // memory in the next file.
  workerIdleMemoryLimit: "1200MB",
};

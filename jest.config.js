/** Tests run the program under pulumi.runtime.setMocks; types are checked separately by `npm run build`. */
const os = require("os");
const path = require("path");

// Whole-program runs are shared between test files (tools/plan/runCache.ts); workers inherit this.
// CALLMYWAY_RUN_CACHE=off npm test runs every one afresh.
process.env.CALLMYWAY_RUN_CACHE ??= path.join(os.tmpdir(), "callmyway-test-runs");

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    // tsconfig sets isolatedModules: ts-jest transpiles each file alone; tsc type-checks once, in CI.
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  testTimeout: 60000,
  // Jest defaults to one worker less than the cores: on a 2-core machine that is one worker.
  maxWorkers: 2,
};

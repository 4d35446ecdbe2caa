/** Tests run the program under pulumi.runtime.setMocks; types are checked separately by `npm run build`. */
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

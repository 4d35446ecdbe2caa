/**
 * How jest turns TypeScript into JavaScript, for both configs: swc strips each file's types alone
 * (tsconfig sets isolatedModules), as ts-node does for the offline plan (tsconfig "ts-node": { swc: true }).
 * The options are those ts-node derives from tsconfig.json: ES2022, CommonJS, esModuleInterop's helpers.
 */
const SWC_OPTIONS = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  module: { type: "commonjs" },
  sourceMaps: "inline",
};

module.exports = { SWC_TRANSFORM: { "^.+\\.ts$": ["@swc/jest", SWC_OPTIONS] } };

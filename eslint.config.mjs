// ESLint for the whole repository (the policy pack included): the recommended JavaScript and
// typescript-eslint rules, nothing about layout (Prettier owns formatting). `npm run lint` runs it.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["**/node_modules/", "bin/", "coverage/", ".plan/", "bench/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      // `_name` marks a binding kept on purpose (a destructured key dropped from a copy, an unused callback argument).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // Provider inputs, mock arguments and policy props are untyped JSON: @pulumi/pulumi and
      // @pulumi/policy type them `any` (`Record<string, any>` here mirrors them); tsc's strict mode
      // checks everything else.
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    // The one place that loads the program, by path, as the Pulumi runtime does: with `require`
    // (under jest, through jest's module registry, which `import()` would bypass in compiled code).
    files: ["tools/plan/programRun.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { module: "writable", require: "readonly", process: "readonly", __dirname: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);

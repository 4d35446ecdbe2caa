// Half of what `node -r ./tools/preload/register.js` installs: runs the repository's TypeScript as ts-node does for the
// offline plan (tsconfig "ts-node": { swc: true }: swc strips each file's types alone), but keeps
// each file's JavaScript on disk under a hash of its source and the transpiler's options and
// version, so a run transpiles only the files changed since the last one. ts-node 10 has no cache
// setting, and loading it also loads TypeScript to read tsconfig.json: together about 0.4 s of every
// `npm run plan` and of each worker it starts (docs/PERFORMANCE.md, 2026-12-02 late). Plain
// JavaScript so that nothing has to transpile it. test/plan/transpileCache.test.ts checks that the
// code is ts-node's, byte for byte.
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * The options ts-node 10.9 passes swc for this tsconfig (ES2022, CommonJS, esModuleInterop's helpers,
 * class fields defined, class names kept). Source maps are not emitted: nothing here reads them.
 */
const SWC_OPTIONS = {
  module: { type: "commonjs", noInterop: false, strictMode: true, ignoreDynamic: false },
  swcrc: false,
  jsc: {
    parser: { syntax: "typescript", tsx: false, dynamicImport: true, importAssertions: true },
    target: "es2022",
    transform: {
      legacyDecorator: true,
      react: { throwIfNamespace: false, useBuiltins: false },
      useDefineForClassFields: true,
    },
    keepClassNames: true,
    experimental: { keepImportAttributes: true, emitAssertForImportAttributes: true },
  },
};

/** Where transpiled files are kept: CALLMYWAY_TRANSPILE_CACHE, "off" for none; default bin/transpiled (git-ignored). */
function cacheDirectory() {
  const dir = process.env.CALLMYWAY_TRANSPILE_CACHE;
  if (dir === "off") return undefined;
  return dir ? path.resolve(dir) : path.join(ROOT, "bin", "transpiled");
}

let swc;
const swcCore = () => (swc ??= require("@swc/core"));

/** The version of swc the cache keys name, read without loading swc's native binding. */
function swcVersion() {
  return JSON.parse(fs.readFileSync(require.resolve("@swc/core/package.json"), "utf8")).version;
}

let keyPrefix;

/** The cache file of a source: its hash with the options and swc's version. */
function cacheFile(dir, filename, source) {
  keyPrefix ??= JSON.stringify({ swc: swcVersion(), options: SWC_OPTIONS });
  const digest = crypto
    .createHash("sha256")
    .update(keyPrefix)
    .update("\0")
    .update(filename)
    .update("\0")
    .update(source);
  return path.join(dir, `${path.basename(filename, ".ts")}-${digest.digest("hex").slice(0, 32)}.js`);
}

/** The JavaScript of one TypeScript file, as ts-node's swc transpiler makes it. */
function transpile(source, filename) {
  return swcCore().transformSync(source, { ...SWC_OPTIONS, filename }).code;
}

/** The cached JavaScript, or a fresh transpile (then kept, written aside and renamed: a reader never sees half a file). */
function javascriptOf(source, filename) {
  const dir = cacheDirectory();
  if (dir === undefined) return transpile(source, filename);
  const file = cacheFile(dir, filename, source);
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    const code = transpile(source, filename);
    fs.mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, file);
    return code;
  }
}

function register() {
  require.extensions[".ts"] = (module, filename) => {
    module._compile(javascriptOf(fs.readFileSync(filename, "utf8"), filename), filename);
  };
}

module.exports = { SWC_OPTIONS, transpile, javascriptOf, register };

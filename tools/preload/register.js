// `node -r ./tools/preload/register.js`, as `npm run plan`, its workers and the benchmark start: the
// repository's TypeScript loads through the transpile cache (transpileCache.js), and the two large
// modules @pulumi/pulumi requires for serializing functions, which no plan calls, load on first use
// (lazyModule.js). test/plan/preload.test.ts fails if either stops taking effect.
const Module = require("module");
const path = require("path");
const { lazyModule } = require("./lazyModule");

/** What @pulumi/pulumi requires when it loads but only serializing a function (a lambda's code) uses. */
const LOADED_ON_FIRST_USE = ["typescript", "@npmcli/arborist"];

/** Puts a lazy stand-in in node's module cache under the path `require(name)` from @pulumi/pulumi resolves to. */
function deferLoading(name) {
  const file = require.resolve(name, { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] });
  const stand = new Module(file, module);
  stand.filename = file;
  stand.loaded = true;
  // On first use the stand-in leaves the cache, and the real module takes its place there.
  stand.exports = lazyModule(name, () => {
    delete require.cache[file];
    return require(file);
  });
  require.cache[file] = stand;
}

LOADED_ON_FIRST_USE.forEach(deferLoading);
require("./transpileCache").register();

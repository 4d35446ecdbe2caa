/**
 * A module that is loaded on first use instead of when it is required. @pulumi/pulumi requires
 * TypeScript (9 MB, for serializing functions into lambdas) and npm's arborist (for the packages a
 * serialized function needs) when it loads, for code neither a plan nor a test calls: about 0.26 s
 * of CPU per process (docs/PERFORMANCE.md, 2026-12-02 late), and jest loads it again for every test
 * file. jest.config.js maps those two names to test/harness/lazy (moduleNameMapper); the offline
 * plan's preload (register.js) puts them in node's module cache. The first property read loads the
 * real module. `__esModule` answers true without loading, so TypeScript's `__importStar` helper
 * returns the proxy as it is.
 */
const path = require("path");

/** `packageDir` under node_modules, or what `loadReal` returns, on first use. */
function lazyModule(
  packageDir,
  loadReal = () => require(path.join(__dirname, "..", "..", "node_modules", packageDir)),
) {
  let real;
  const load = () => (real ??= loadReal());
  return new Proxy(
    {},
    {
      get: (_, key) => (key === "__esModule" ? true : load()[key]),
      has: (_, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
}

module.exports = { lazyModule };

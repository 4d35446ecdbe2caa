/**
 * A module that is loaded on first use instead of when it is required. @pulumi/pulumi requires
 * TypeScript (9 MB, for serializing functions into lambdas) and npm's arborist (for the packages a
 * serialized function needs) when it loads, and jest loads it again for every test file: about a
 * second of CPU each, for code no test calls. jest.config.js maps those two names here
 * (moduleNameMapper); the first property read loads the real module. `__esModule` answers true
 * without loading, so TypeScript's `__importStar` helper returns the proxy as it is.
 */
const path = require("path");

function lazyModule(packageDir) {
  let real;
  const load = () => (real ??= require(path.join(__dirname, "..", "..", "..", "node_modules", packageDir)));
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

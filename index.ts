// CallMyWay network: one environment is a set of stacks (lib/stacks/layout.ts, docs/ARCHITECTURE.md
// "Stacks"). This program is each of them: it loads the environment's validated config, derives the
// model, and builds the part the running stack is. Composition only: the work lives in components/.
//
// The program is an async function (the Pulumi runtime awaits it) because some decisions need
// values as plain data before resources are declared: one security-group rule per Cloudflare range
// cannot be created inside an apply without vanishing from previews.
import { loadStack } from "./config/stack";
import { buildModel } from "./lib/model";
import { dnsStack } from "./stacks/dns";
import { meshStack } from "./stacks/mesh";
import { sharedStack } from "./stacks/shared";
import { siteStack } from "./stacks/site";

export = async () => {
  const { config, identity } = loadStack();
  const model = buildModel(config);
  const { environmentStack, part } = identity;
  switch (part.kind) {
    case "shared":
      return sharedStack(config);
    case "site":
      return siteStack(config, model, environmentStack, part.site);
    case "mesh":
      return meshStack(config, model, environmentStack, part.site);
    case "dns":
      return dnsStack(config, model, environmentStack);
  }
};

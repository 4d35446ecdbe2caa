// CallMyWay network: load and validate the stack config, build every site, export what operators
// and later stacks need. Composition only: the work lives in components/.
import { loadConfig } from "./config";
import { buildAwsSites } from "./components/site";
import { SUBNET_TIERS } from "./components/network";

const config = loadConfig();
const sites = buildAwsSites(config);

export const environment = config.environment;

export const networks = Object.fromEntries(
  sites.map(({ config: site, network }) => [
    site.name,
    {
      region: site.region,
      cidr: site.cidr,
      vpcId: network.vpc.id,
      subnetIds: Object.fromEntries(SUBNET_TIERS.map((tier) => [tier, network.subnets[tier].map((s) => s.id)])),
      natPublicIps: network.natGateways.map((n) => n.publicIp),
    },
  ]),
);

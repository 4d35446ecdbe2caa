import * as aws from "@pulumi/aws";
import { AwsSiteConfig, NetworkConfig } from "../config";
import { NetworkModel, groupOf, rulesOf } from "../lib/model";
import { AgentConfigParameter } from "./monitoring/agentConfig";
import { SiteNetwork } from "./network";
import { awsProviderFor } from "./providers";

/** Everything later components need to know about one AWS site. */
export interface AwsSite {
  readonly config: AwsSiteConfig;
  readonly provider: aws.Provider;
  readonly network: SiteNetwork;
  /** CloudWatch agent configuration the site's launch templates load (create hosts after it). */
  readonly agentConfig: AgentConfigParameter;
}

/** Private address blocks a site's core and data tiers trust: every other site and the admin VPN pool. */
export function trustedCidrsFor(config: Pick<NetworkConfig, "sites" | "admin">, siteName: string): string[] {
  return [...config.sites.filter((s) => s.name !== siteName).map((s) => s.cidr), config.admin.clientCidr];
}

/** Provider, network and agent configuration for every AWS site of the config. */
export function buildAwsSites(
  config: Pick<NetworkConfig, "environment" | "sites" | "admin">,
  model: Pick<NetworkModel, "awsSites" | "firewall">,
): AwsSite[] {
  const endpoints = (site: string) => ({ site, role: "endpoints" as const });
  return model.awsSites.map((site) => {
    const provider = awsProviderFor(`${site.name}-aws`, site.region, config.environment, site.name);
    const network = new SiteNetwork(
      site.name,
      {
        site,
        environment: config.environment,
        trustedCidrs: trustedCidrsFor(config, site.name),
        endpointsFirewall: {
          group: groupOf(model.firewall, endpoints(site.name)),
          ingress: rulesOf(model.firewall, endpoints(site.name), "in")[0],
        },
      },
      { provider },
    );
    const agentConfig = new AgentConfigParameter(
      `${site.name}-agent-config`,
      {
        environment: config.environment,
        site: site.name,
        tags: network.tags,
      },
      { provider },
    );
    return { config: site, provider, network, agentConfig };
  });
}

import * as aws from "@pulumi/aws";
import { AwsSiteConfig, NetworkConfig } from "../config";
import { NetworkModel, groupOf, rulesOf } from "../lib/model";
import { AgentConfigParameter } from "./monitoring/agentConfig";
import { SiteAllowLists, SiteNetwork } from "./network";
import { awsProviderFor } from "./providers";

/** Everything later components need to know about one AWS site. */
export interface AwsSite {
  readonly config: AwsSiteConfig;
  readonly provider: aws.Provider;
  readonly network: SiteNetwork;
  /** The site's allowlists as prefix lists, which its security-group rules reference. */
  readonly allowLists: SiteAllowLists;
  /** CloudWatch agent configuration the site's launch templates load (create hosts after it). */
  readonly agentConfig: AgentConfigParameter;
}

/** Private address blocks a site's core and data tiers trust: every other site and the admin VPN pool. */
export function trustedCidrsFor(config: Pick<NetworkConfig, "sites" | "admin">, siteName: string): string[] {
  return [...config.sites.filter((s) => s.name !== siteName).map((s) => s.cidr), config.admin.clientCidr];
}

/** Provider, network and agent configuration of one AWS site (its stack's foundation). */
export function buildAwsSite(
  config: Pick<NetworkConfig, "environment" | "sites" | "admin">,
  model: Pick<NetworkModel, "awsSites" | "firewall">,
  siteName: string,
): AwsSite {
  const site = model.awsSites.find((s) => s.name === siteName);
  if (!site) throw new Error(`no AWS site named ${siteName}`);
  const endpoints = { site: site.name, role: "endpoints" as const };
  const provider = awsProviderFor(`${site.name}-aws`, site.region, config.environment, site.name);
  const network = new SiteNetwork(
    site.name,
    {
      site,
      environment: config.environment,
      trustedCidrs: trustedCidrsFor(config, site.name),
      endpointsFirewall: {
        group: groupOf(model.firewall, endpoints),
        ingress: rulesOf(model.firewall, endpoints, "in")[0],
      },
    },
    { provider },
  );
  const agentConfig = new AgentConfigParameter(
    `${site.name}-agent-config`,
    { environment: config.environment, site: site.name, tags: network.tags },
    { provider },
  );
  const allowLists = new SiteAllowLists(
    `${site.name}-allowlists`,
    {
      environment: config.environment,
      site: site.name,
      lists: model.firewall.lists.filter((l) => l.ref.site === site.name),
      tags: network.tags,
    },
    { provider },
  );
  return { config: site, provider, network, allowLists, agentConfig };
}

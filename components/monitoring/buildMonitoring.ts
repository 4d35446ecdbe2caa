import { NetworkConfig } from "../../config";
import { AwsSite } from "../site";
import { AlertTopics } from "./alertTopics";
import { SiteMonitoring, SiteMonitoringArgs } from "./siteMonitoring";
import { voiceWatch } from "./voiceWatches";

/** What other parts of the program (pools, interconnect) hand to a site's monitoring. */
export type SiteWatches = Pick<SiteMonitoringArgs, "pools" | "sbcInstances" | "alb" | "vpnConnections">;

/**
 * Every AWS site's alarms and dashboard. The site's own NAT gateways and voice metrics are always
 * watched; pools, SBCs, the ALB and VPN connections come from `watches`, keyed by site name.
 */
export function buildMonitoring(
  config: Pick<NetworkConfig, "environment" | "monitoring" | "voice" | "carriers" | "customers">,
  sites: readonly AwsSite[],
  /** Each site's escalation ladder (buildAlertTopics), keyed by site name. */
  alerts: Record<string, AlertTopics>,
  watches: Record<string, SiteWatches> = {},
): Record<string, SiteMonitoring> {
  const unknown = Object.keys(watches).filter((name) => !sites.some((s) => s.config.name === name));
  if (unknown.length > 0) throw new Error(`monitoring: no AWS site named ${unknown.join(", ")}`);
  return Object.fromEntries(
    sites.map((site) => [
      site.config.name,
      new SiteMonitoring(
        `${site.config.name}-monitoring`,
        {
          site: site.config.name,
          region: site.config.region,
          environment: config.environment,
          tags: site.network.tags,
          alerts: alerts[site.config.name],
          monitoring: config.monitoring,
          natGatewayIds: site.network.natGateways.map((n) => n.id),
          voice: voiceWatch(config),
          ...watches[site.config.name],
        },
        { provider: site.provider },
      ),
    ]),
  );
}

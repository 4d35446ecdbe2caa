// Wiring of the admin VPN from the network model: which site hosts it and what admins may reach.
import { NetworkConfig } from "../../config";
import { NetworkModel, groupOf, rulesOf } from "../../lib/model";
import { AwsSite } from "../site";
import { AdminPki } from "./certificates";
import { AdminClientVpn } from "./clientVpn";

/** The admin Client VPN in the model's admin site (`admin.vpnSite`, default the first AWS site). */
export function buildAdminAccess(
  config: Pick<NetworkConfig, "environment" | "admin">,
  model: Pick<NetworkModel, "admin" | "firewall">,
  site: AwsSite,
  pki: AdminPki,
): { site: string; vpn: AdminClientVpn } {
  const siteName = model.admin.site.name;
  if (site.config.name !== siteName) throw new Error(`admin.vpnSite is "${siteName}", not ${site.config.name}`);
  const ref = { site: siteName, role: "adminVpn" as const };
  const vpn = new AdminClientVpn(
    `${siteName}-admin-vpn`,
    {
      environment: config.environment,
      site: siteName,
      vpcId: site.network.vpc.id,
      coreSubnetIds: site.network.subnets.core.map((s) => s.id),
      access: model.admin,
      firewall: { group: groupOf(model.firewall, ref), rules: rulesOf(model.firewall, ref, "out") },
      workstations: config.admin.workstations.map((w) => w.name),
      pki,
      tags: site.network.tags,
    },
    { provider: site.provider },
  );
  return { site: siteName, vpn };
}

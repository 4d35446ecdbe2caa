import * as aws from "@pulumi/aws";
import { NetworkConfig } from "../../config";
import { AwsSite } from "../site";
import { DataCentreVpn } from "./dataCentreVpn";
import { type MeshSite, TransitMesh } from "./peeringMesh";
import { SiteTransitGateway } from "./transitGateway";
import { allocateInsideCidrs, tunnelKeyText } from "./tunnelAddressing";
import { homeSitesOf } from "../../lib/model";
import { cidrsViaPeer, onpremSites, remoteCidrsOf, tunnelKeys } from "./topology";
import { privateSummary } from "../../lib/ipv4";

/** A site's side of S7, in its own stack: its transit gateway and the data centres' VPNs that end there. */
export interface SiteInterconnect {
  readonly transitGateway: SiteTransitGateway;
  /** Per data centre homed at this site. */
  readonly dataCentres: Record<string, DataCentreVpn>;
}

/**
 * S7 at one site: a transit gateway, and a Site-to-Site VPN from each own data centre that has this site
 * among its homes. Tunnel inside addresses are allocated over the whole environment (pure, from config),
 * so every site's stack computes the same plan and no two tunnels collide.
 */
export function buildSiteInterconnect(
  config: Pick<NetworkConfig, "environment" | "sites">,
  site: AwsSite,
): SiteInterconnect {
  const name = site.config.name;
  const transitGateway = new SiteTransitGateway(
    `${name}-tgw`,
    {
      site: name,
      asn: site.config.asn,
      vpcId: site.network.vpc.id,
      coreSubnetIds: site.network.subnets.core.map((s) => s.id),
      privateRouteTables: Object.fromEntries([
        ...site.network.routeTables.core.map((t, az) => [`core-${az}`, t.id]),
        ...site.network.routeTables.data.map((t, i) => [i === 0 ? "data" : `data-${i}`, t.id]),
      ]),
      // One route per RFC 1918 summary, not per site: constant as sites are added (a VPC route
      // table holds 50 routes by default). The VPC's own local route is more specific and wins;
      // the transit gateway's route table holds the per-site routes.
      remoteCidrs: privateSummary(remoteCidrsOf(config, name)),
      tags: site.network.tags,
    },
    { provider: site.provider },
  );

  const insideCidrs = allocateInsideCidrs(tunnelKeys(config));
  const dataCentres = Object.fromEntries(
    onpremSites(config)
      .filter((dc) => homeSitesOf(config, dc).includes(name))
      .map((dc) => {
        const cidr = (tunnel: 1 | 2) =>
          insideCidrs.get(tunnelKeyText({ dataCentre: dc.name, homeSite: name, tunnel }))!;
        return [
          dc.name,
          new DataCentreVpn(`${dc.name}-vpn`, {
            environment: config.environment,
            dataCentre: dc.name,
            devicePublicIp: dc.vpnDevice.publicIp,
            deviceAsn: dc.vpnDevice.bgpAsn,
            homes: [
              {
                site: name,
                provider: site.provider,
                transitGatewayId: transitGateway.transitGateway.id,
                insideCidrs: [cidr(1), cidr(2)] as const,
                tags: site.network.tags,
              },
            ],
          }),
        ];
      }),
  );
  return { transitGateway, dataCentres };
}

/** One site's transit gateway as the mesh stack reads it from the site's stack (the routes it sends are the config's). */
export type MeshSiteExports = Omit<MeshSite, "cidrsViaPeer">;

/**
 * A mesh stack: the pairs whose later site is `laterSite` (the last of `sites`), through one AWS
 * provider whose resources each name their region (AWS provider v7's per-resource `region`): one
 * provider process for every region.
 */
export function buildMesh(
  config: Pick<NetworkConfig, "sites">,
  sites: readonly MeshSiteExports[],
  provider: aws.Provider,
  laterSite: string,
): TransitMesh {
  return new TransitMesh(
    "interconnect-mesh",
    {
      sites: sites.map((site) => ({
        ...site,
        cidrsViaPeer: Object.fromEntries(
          sites.filter((p) => p !== site).map((p) => [p.name, cidrsViaPeer(config, site.name, p.name)]),
        ),
      })),
      laterSite,
    },
    { provider },
  );
}

import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../../config";
import { AwsSite } from "../site";
import { DataCentreVpn } from "./dataCentreVpn";
import { TransitMesh } from "./peeringMesh";
import { SiteTransitGateway } from "./transitGateway";
import { allocateInsideCidrs, tunnelKeyText } from "./tunnelAddressing";
import { homeSitesOf } from "../../lib/model";
import { cidrsViaPeer, onpremSites, remoteCidrsOf, tunnelKeys } from "./topology";
import { privateSummary } from "../../lib/ipv4";

export interface InterconnectArgs {
  /** The environment and the sites of the validated config (plain values: the mesh's shape must be known up front). */
  readonly config: Pick<NetworkConfig, "environment" | "sites">;
  /** Every AWS site built by buildAwsSites, in config order. */
  readonly sites: readonly AwsSite[];
}

/**
 * S7: a transit gateway per AWS site, a full mesh of peerings between them, and dual-homed
 * Site-to-Site VPNs to the operator's own data centres.
 */
export class Interconnect extends pulumi.ComponentResource {
  readonly transitGateways: Record<string, SiteTransitGateway>;
  readonly mesh: TransitMesh;
  readonly dataCentres: Record<string, DataCentreVpn>;

  constructor(name: string, args: InterconnectArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:interconnect:Interconnect", name, {}, opts);
    const { config, sites } = args;

    this.transitGateways = Object.fromEntries(
      sites.map((site) => [
        site.config.name,
        new SiteTransitGateway(
          `${site.config.name}-tgw`,
          {
            site: site.config.name,
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
            remoteCidrs: privateSummary(remoteCidrsOf(config, site.config.name)),
            tags: site.network.tags,
          },
          { parent: this, provider: site.provider },
        ),
      ]),
    );

    this.mesh = new TransitMesh(
      `${name}-mesh`,
      {
        sites: sites.map((site) => ({
          name: site.config.name,
          region: site.config.region,
          provider: site.provider,
          transitGatewayId: this.transitGateways[site.config.name].transitGateway.id,
          routeTableId: this.transitGateways[site.config.name].routeTableId,
          tags: site.network.tags,
          cidrsViaPeer: Object.fromEntries(
            sites
              .filter((p) => p !== site)
              .map((p) => [p.config.name, cidrsViaPeer(config, site.config.name, p.config.name)]),
          ),
        })),
      },
      { parent: this },
    );

    const dcs = onpremSites(config);
    const insideCidrs = allocateInsideCidrs(tunnelKeys(config));
    const siteNamed = (n: string) => sites.find((s) => s.config.name === n)!;

    this.dataCentres = Object.fromEntries(
      dcs.map((dc) => [
        dc.name,
        new DataCentreVpn(
          `${dc.name}-vpn`,
          {
            environment: config.environment,
            dataCentre: dc.name,
            devicePublicIp: dc.vpnDevice.publicIp,
            deviceAsn: dc.vpnDevice.bgpAsn,
            homes: homeSitesOf(config, dc).map((homeSite) => {
              const cidr = (tunnel: 1 | 2) =>
                insideCidrs.get(tunnelKeyText({ dataCentre: dc.name, homeSite, tunnel }))!;
              const home = siteNamed(homeSite);
              return {
                site: homeSite,
                provider: home.provider,
                transitGatewayId: this.transitGateways[homeSite].transitGateway.id,
                insideCidrs: [cidr(1), cidr(2)] as const,
                tags: home.network.tags,
              };
            }),
          },
          { parent: this },
        ),
      ]),
    );

    this.registerOutputs({
      transitGatewayIds: Object.fromEntries(
        Object.entries(this.transitGateways).map(([k, v]) => [k, v.transitGateway.id]),
      ),
    });
  }
}

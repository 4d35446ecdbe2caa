import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { SiteEntryPoints } from "./entryPoints";
import { webPoolName } from "./names";

export interface WebLoadBalancerArgs {
  /** The web hostname this load balancer answers for, fully qualified (from names.webFqdns). */
  readonly fqdn: string;
  /** Cloudflare account that holds the pools. */
  readonly accountId: string;
  /** Cloudflare zone that holds the hostname. */
  readonly zoneId: string;
  /** One entry per AWS site; each becomes one pool whose origin is the site's ALB. */
  readonly sites: readonly SiteEntryPoints[];
  /** Site whose pool serves when every pool is unhealthy (must be one of `sites`). */
  readonly fallbackSite: string;
  /** Id of the HTTPS monitor every pool shares. */
  readonly monitorId: pulumi.Input<string>;
}

/**
 * One proxied Cloudflare Load Balancer for one web hostname: a pool per AWS site (origin: that
 * site's ALB, with the hostname as Host header so the ALB's certificate and routing match), equal
 * weights under `random` steering (Cloudflare's round robin). A pool whose monitor fails leaves the
 * rotation on its own; when all fail, the fallback pool serves.
 */
export class WebLoadBalancer extends pulumi.ComponentResource {
  /** Pools by AWS site name. */
  readonly pools: Record<string, cloudflare.LoadBalancerPool>;
  readonly loadBalancer: cloudflare.LoadBalancer;

  constructor(name: string, args: WebLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:dns:WebLoadBalancer", name, {}, opts);
    if (!args.sites.some((s) => s.site === args.fallbackSite)) {
      throw new Error(
        `${args.fqdn}: fallback site "${args.fallbackSite}" is not one of the AWS sites (${args.sites.map((s) => s.site).join(", ")})`,
      );
    }

    this.pools = Object.fromEntries(
      args.sites.map((site) => [
        site.site,
        new cloudflare.LoadBalancerPool(
          `${name}-${site.site}-pool`,
          {
            accountId: args.accountId,
            name: webPoolName(args.fqdn, site.site),
            description: `${args.fqdn} at AWS site ${site.site} (${site.region})`,
            enabled: true,
            // One origin per pool: the site's ALB already spreads over its web hosts and AZs.
            minimumOrigins: 1,
            monitor: args.monitorId,
            origins: [
              {
                name: `${site.site}-alb`,
                address: site.albDnsName,
                enabled: true,
                weight: 1,
                // The endpoint Host header also applies to the monitor's probes (it wins over the
                // monitor's own), so one monitor serves every hostname's pools.
                header: { hosts: [args.fqdn] },
              },
            ],
          },
          { parent: this },
        ),
      ]),
    );
    const poolIds = args.sites.map((s) => this.pools[s.site].id);

    this.loadBalancer = new cloudflare.LoadBalancer(
      `${name}-lb`,
      {
        zoneId: args.zoneId,
        name: args.fqdn,
        description: `Round robin over the AWS sites' web pools for ${args.fqdn}`,
        enabled: true,
        // Orange-clouded: Cloudflare's edge absorbs DDoS and the ALB addresses stay hidden.
        proxied: true,
        steeringPolicy: "random",
        // Every pool weighs the same: no poolWeights, one default weight.
        randomSteering: { defaultWeight: 1 },
        defaultPools: poolIds,
        fallbackPool: this.pools[args.fallbackSite].id,
        // Each pool has one endpoint, so zero-downtime failover (one retry on 521-523/525/526) can
        // only help across pools: a site that just died is skipped before the monitor notices.
        adaptiveRouting: { failoverAcrossPools: true },
        // Web hosts are stateless (S11): any site can serve any request, no affinity needed.
        sessionAffinity: "none",
      },
      { parent: this },
    );

    this.registerOutputs({ loadBalancer: this.loadBalancer.id, poolIds });
  }
}

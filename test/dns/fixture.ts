// Builds GlobalDns the way the program will: real AWS resources for the SBC Elastic IPs (the mocks
// compute their addresses as the provider would), ALB names in AWS's format, the real Cloudflare provider.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsSiteConfig, NetworkConfig } from "../../config";
import { SiteEntryPoints } from "../../components/dns/entryPoints";
import { GlobalDns } from "../../components/dns";
import { sbcFqdn } from "../../components/dns/names";
import { cloudflareProvider } from "../../components/providers";
import { Run, RunOptions, runComponent } from "../harness/program";

export const T = {
  lb: "cloudflare:index/loadBalancer:LoadBalancer",
  pool: "cloudflare:index/loadBalancerPool:LoadBalancerPool",
  monitor: "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor",
  policy: "cloudflare:index/notificationPolicy:NotificationPolicy",
  record: "cloudflare:index/dnsRecord:DnsRecord",
  certificate: "cloudflare:index/certificatePack:CertificatePack",
  ruleset: "cloudflare:index/ruleset:Ruleset",
} as const;

export const awsSitesOf = (config: NetworkConfig) => config.sites.filter((s): s is AwsSiteConfig => s.kind === "aws");

/** The ALB DNS name format AWS gives an internet-facing ALB. */
export const albDnsName = (config: NetworkConfig, site: AwsSiteConfig) =>
  `cmw-${config.environment}-${site.name}-web-1234567890.${site.region}.elb.amazonaws.com`;

export interface DnsRun extends Run {
  /** Pool id by Pulumi resource name. */
  readonly poolIds: Record<string, string>;
  readonly monitorId: string;
  /** Elastic IP by SBC FQDN. */
  readonly sbcIps: Record<string, string>;
  readonly failover: Record<string, number>;
}

/** Entry points of every AWS site in `config`, with one real Elastic IP per SBC slot. */
function entryPoints(config: NetworkConfig): { sites: SiteEntryPoints[]; ips: Record<string, pulumi.Output<string>> } {
  const ips: Record<string, pulumi.Output<string>> = {};
  const sites = awsSitesOf(config).map((site) => {
    const provider = new aws.Provider(`${site.name}-aws`, { region: site.region });
    const sbcs = Array.from({ length: site.pools.sbc.count }, (_, slot) => {
      const eip = new aws.ec2.Eip(`${site.name}-sbc${slot + 1}-eip`, { domain: "vpc" }, { provider });
      ips[sbcFqdn(config.dns, site.name, slot)] = eip.publicIp;
      return { slot, publicIp: eip.publicIp };
    });
    return { site: site.name, region: site.region, albDnsName: pulumi.output(albDnsName(config, site)), sbcs };
  });
  return { sites, ips };
}

/** Runs GlobalDns for a config under the mocks and returns what it registered plus the ids tests need. */
export async function runGlobalDns(config: NetworkConfig, options: RunOptions = {}): Promise<DnsRun> {
  const run = await runComponent(() => {
    const { sites, ips } = entryPoints(config);
    const dns = new GlobalDns("dns", { dns: config.dns, sites }, { provider: cloudflareProvider() });
    const pools = Object.values(dns.web).flatMap((lb) => Object.values(lb.pools));
    return {
      poolIds: pulumi
        .all(pools.map((p) => pulumi.all([p.urn, p.id])))
        .apply((pairs) => Object.fromEntries(pairs.map(([urn, id]) => [urn.split("::").pop(), id]))),
      monitorId: dns.monitor.id,
      sbcIps: ips,
      failover: dns.failover,
    };
  }, options);
  return {
    ...run,
    poolIds: run.outputs.poolIds as Record<string, string>,
    monitorId: run.outputs.monitorId as string,
    sbcIps: run.outputs.sbcIps as Record<string, string>,
    failover: run.outputs.failover as Record<string, number>,
  };
}

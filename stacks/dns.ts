// The DNS stack: Cloudflare only. It reads each site's entry points (ALB name, SBC addresses) from the
// site's stack, so withdrawing a lost site is a change here that needs no AWS API at all.
import { NetworkConfig } from "../config";
import { NetworkModel } from "../lib/model";
import { GlobalDns } from "../components/dns";
import { cloudflareProvider } from "../components/providers";
import { stackNameOf } from "../lib/stacks/layout";
import { Upstreams } from "./references";

export function dnsStack(config: NetworkConfig, model: NetworkModel, environmentStack: string) {
  const upstreams = new Upstreams();
  // Withdrawn sites (regional-loss runbook, step 1) leave the pools and the SRV/NAPTR answers.
  const lost = config.regionalLoss?.lostSites ?? [];
  const sites = model.awsSites
    .filter((site) => !lost.includes(site.name))
    .map((site) => {
      const entry = upstreams
        .of(stackNameOf(environmentStack, { kind: "site", site: site.name }))
        .output<{ albDnsName: string; sbcs: { slot: number; publicIp: string }[] }>("entryPoints");
      // The slots (0-based, as the SBC pool numbers its instances) are the config's: the records are declared up front, their addresses come from the site's state.
      const slots = Array.from({ length: site.pools.sbc.count }, (_, i) => i);
      return {
        site: site.name,
        region: site.region,
        albDnsName: entry.apply((e) => e.albDnsName),
        sbcs: slots.map((slot) => ({
          slot,
          publicIp: entry.apply((e) => {
            const sbc = e.sbcs.find((s) => s.slot === slot);
            if (!sbc) throw new Error(`the stack of ${site.name} exports no SBC in slot ${slot}`);
            return sbc.publicIp;
          }),
        })),
      };
    });
  // A lost fallback site hands the role to the first site still serving.
  const fallbackLost = config.dns.fallbackSite !== undefined && lost.includes(config.dns.fallbackSite);
  const dnsConfig = fallbackLost ? { ...config.dns, fallbackSite: sites[0].site } : config.dns;
  const dns = new GlobalDns("dns", { dns: dnsConfig, sites }, { provider: cloudflareProvider() });
  return { environment: config.environment, dnsFailover: dns.failover };
}

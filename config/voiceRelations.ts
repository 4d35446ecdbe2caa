// Relations of the `voice` key to the rest of the config: levels, sites, slots, gateways.
import { parseCidr, parseIp } from "../lib/ipv4";
import { NetworkConfig } from "./schema";

interface Issue {
  readonly path: (string | number)[];
  readonly message: string;
}

const inCidr = (ip: string, cidr: string): boolean => {
  const c = parseCidr(cidr);
  const a = parseIp(ip);
  if (!c || a === undefined) return false;
  const mask = c.prefix === 0 ? 0 : (~0 << (32 - c.prefix)) >>> 0;
  return (a & mask) >>> 0 === (c.base & mask) >>> 0;
};

export function voiceRelations(c: NetworkConfig): Issue[] {
  const issues: Issue[] = [];
  const level = c.voice.customerContactLevel;
  if (level !== undefined && !c.monitoring.levels.some((l) => l.name === level)) {
    issues.push({
      path: ["voice", "customerContactLevel"],
      message: `"${level}" is not an escalation level in monitoring.levels`,
    });
  }
  Object.entries(c.voice.rollout?.slots ?? {}).forEach(([site, slots]) => {
    const config = c.sites.find((s) => s.name === site);
    if (config?.kind !== "aws") {
      issues.push({ path: ["voice", "rollout", "slots", site], message: `"${site}" is not an AWS site with SBCs` });
      return;
    }
    slots
      .filter((slot) => slot > config.pools.sbc.count)
      .forEach((slot) =>
        issues.push({
          path: ["voice", "rollout", "slots", site],
          message: `slot ${slot} does not exist: ${site} has ${config.pools.sbc.count} SBCs`,
        }),
      );
    if (slots.length >= config.pools.sbc.count && config.pools.sbc.count > 0) {
      issues.push({
        path: ["voice", "rollout", "slots", site],
        message: `every SBC of ${site} is in the rollout: finish it by moving voice.packages to the new version`,
      });
    }
  });
  c.carriers.forEach((carrier, i) =>
    (carrier.gateways ?? []).forEach((g, j) => {
      const ip = g.split(":")[0];
      if (!carrier.signallingCidrs.some((cidr) => inCidr(ip, cidr))) {
        issues.push({
          path: ["carriers", i, "gateways", j],
          message: `gateway ${g} is outside carrier ${carrier.name}'s signalling CIDRs (its replies would be refused)`,
        });
      }
    }),
  );
  return issues;
}

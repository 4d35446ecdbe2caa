// Relations of the `voice` key to the rest of the config: levels, sites, slots, gateways.
import { parseCidr, parseIp } from "../lib/ipv4";
import { rtpCallLimit } from "../lib/figures/sbcCalls";
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
  // The SBC listens for the core on its private address and ports.coreSip: the SIP port's socket serves it
  // when they are equal, but the TLS socket cannot (components/voice/kamailio.ts, coreSockets).
  if (c.ports.coreSip === c.voice.tlsPort) {
    issues.push({
      path: ["ports", "coreSip"],
      message: `the core's SIP port ${c.ports.coreSip} is the SBC's TLS port (voice.tlsPort): the SBC listens for the core on it`,
    });
  }
  const rtpCalls = rtpCallLimit(c.ports.rtp);
  if (c.voice.callCapacityPerSbc > rtpCalls) {
    issues.push({
      path: ["voice", "callCapacityPerSbc"],
      message: `${c.voice.callCapacityPerSbc} calls per SBC do not fit ports.rtp (${c.ports.rtp.from}-${c.ports.rtp.to}): it holds ${rtpCalls} calls at 2 ports per stream and 2 streams per call`,
    });
  }
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

// A site's SBC voice input from the stack config: the trunk table's consumer (S15).
import { AwsSiteConfig, NetworkConfig } from "../../config";
import { parseCidr } from "../../lib/ipv4";
import { buildTrunkTable } from "../../lib/model/trunkTable";
import { PRIVATE_IP_PLACEHOLDER, PUBLIC_IP_PLACEHOLDER, SbcPaths, SbcVoiceInput } from "./input";
import { routesFromTrunkTable } from "./routing";

/** Where the files live on an SBC host (RHEL's Kamailio package layout). */
export const HOST_PATHS: SbcPaths = {
  configDir: "/etc/kamailio",
  runDir: "/run/kamailio",
  tlsCertificate: "/etc/kamailio/tls/sbc.crt",
  tlsPrivateKey: "/etc/kamailio/tls/sbc.key",
  tlsCaList: "/etc/pki/tls/certs/ca-bundle.crt",
};

const SIP_PORT = 5060;

/** A carrier's default gateway: port 5060 of the first address of each signalling CIDR. */
export function defaultGateways(signallingCidrs: readonly string[]): string[] {
  return signallingCidrs.map((text) => {
    const c = parseCidr(text)!;
    const first = c.prefix >= 31 ? c.base : c.base + 1;
    return `${[24, 16, 8, 0].map((s) => (first >>> s) & 255).join(".")}:${SIP_PORT}`;
  });
}

/**
 * The SBC input of one site. `coreHost` is the name the SBCs reach the core by (the site's internal
 * load balancer); host addresses stay placeholders, filled in on each host. With `slot` (1-based), the
 * input of that slot: drained when voice.drained lists it.
 */
export function sbcVoiceInput(
  config: Pick<NetworkConfig, "environment" | "voice" | "carriers" | "customers" | "ports">,
  site: AwsSiteConfig,
  coreHost: string,
  paths: SbcPaths = HOST_PATHS,
  slot?: number,
): SbcVoiceInput {
  const v = config.voice;
  const carriers = config.carriers.map((c) => ({
    name: c.name,
    signallingCidrs: c.signallingCidrs,
    gateways: c.gateways ?? defaultGateways(c.signallingCidrs),
  }));
  return {
    environment: config.environment,
    site: site.name,
    addresses: { private: PRIVATE_IP_PLACEHOLDER, public: PUBLIC_IP_PLACEHOLDER },
    ports: {
      sip: SIP_PORT,
      tls: v.tlsPort,
      core: config.ports.coreSip,
      rtp: config.ports.rtp,
      rtpengineControl: v.rtpengineControlPort,
    },
    // Requests from the core come from inside the site's VPC.
    core: { uri: `sip:${coreHost}:${config.ports.coreSip}`, cidrs: [site.cidr] },
    carriers,
    customers: config.customers.map((c) => ({ name: c.name, sipCidrs: c.sipCidrs })),
    routes: routesFromTrunkTable(
      buildTrunkTable(config.carriers),
      config.carriers.map((c) => c.name),
      v.destinationPrefixes,
    ),
    probe: {
      intervalSeconds: v.probeIntervalSeconds,
      failuresToRemove: v.probeFailuresToRemove,
      successesToRestore: v.probeSuccessesToRestore,
    },
    setupTimeoutSeconds: v.setupTimeoutSeconds,
    ringTimeoutSeconds: v.ringTimeoutSeconds,
    flood: v.flood,
    paths,
    drained: slot !== undefined && (v.drained[site.name] ?? []).includes(slot),
    slot,
  };
}

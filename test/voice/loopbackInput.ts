// The SBC input the live tests render: every party on its own loopback address, on unprivileged ports.
import * as path from "path";
import { SbcVoiceInput } from "../../components/voice";

/** Loopback addresses: 127.0.0.0/8 is all on lo, so each party has its own source address. The core is
 * "localhost" (127.0.0.1), a name the SBC resolves, so the SBC itself is elsewhere. */
export const ADDR = {
  sbc: "127.0.0.2",
  /** The SBC's "Elastic IP" where a test needs one apart from its private address: nothing listens there. */
  sbcPublic: "127.0.0.3",
  core: "127.0.0.1",
  atlas: "127.0.1.1",
  borealis: "127.0.2.1",
  cosmos: "127.0.3.1",
  customer: "127.0.4.1",
  outsider: "127.0.9.1",
} as const;

export const PORT = { sip: 25060, tls: 25061, ng: 25223, core: 25070, carrier: 25080, caller: 25090 } as const;
export const RTP = { from: 35000, to: 35099 } as const;
export const SETUP_TIMEOUT_SECONDS = 2;
export const PROBE_INTERVAL_SECONDS = 1;

export function loopbackInput(dir: string): SbcVoiceInput {
  return {
    environment: "staging",
    site: "use1",
    addresses: { private: ADDR.sbc, public: ADDR.sbc },
    ports: { sip: PORT.sip, tls: PORT.tls, core: PORT.sip, rtp: RTP, rtpengineControl: PORT.ng },
    // A name, not an address: the SBC resolves it as it would an internal load balancer's.
    core: { uri: `sip:localhost:${PORT.core}`, cidrs: ["127.0.0.1/32"] },
    carriers: [
      { name: "carrier-atlas", signallingCidrs: ["127.0.1.0/28"], gateways: [`${ADDR.atlas}:${PORT.carrier}`] },
      { name: "carrier-borealis", signallingCidrs: ["127.0.2.0/28"], gateways: [`${ADDR.borealis}:${PORT.carrier}`] },
      { name: "carrier-cosmos", signallingCidrs: ["127.0.3.0/28"], gateways: [`${ADDR.cosmos}:${PORT.carrier}`] },
    ],
    customers: [{ name: "acme-pbx", sipCidrs: ["127.0.4.0/29"] }],
    // +34 (Spain): atlas, then borealis; +52 (Mexico): atlas, borealis, cosmos.
    routes: [
      { prefix: "34", carriers: ["carrier-atlas", "carrier-borealis"] },
      { prefix: "52", carriers: ["carrier-atlas", "carrier-borealis", "carrier-cosmos"] },
    ],
    probe: { intervalSeconds: PROBE_INTERVAL_SECONDS, failuresToRemove: 2, successesToRestore: 1 },
    setupTimeoutSeconds: SETUP_TIMEOUT_SECONDS,
    ringTimeoutSeconds: 30,
    flood: { requestsPerSecond: 50, banSeconds: 60 },
    paths: {
      configDir: dir,
      runDir: dir,
      tlsCertificate: path.join(dir, "sbc.crt"),
      tlsPrivateKey: path.join(dir, "sbc.key"),
      tlsCaList: path.join(dir, "sbc.crt"),
    },
  };
}

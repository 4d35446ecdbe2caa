// What one site's SBC configuration is rendered from: plain data, no Pulumi, so the renderers are
// pure functions that a test can run against real Kamailio and rtpengine.

/** Host-specific addresses are placeholders in the rendered files, filled in on the host from IMDS. */
export const PRIVATE_IP_PLACEHOLDER = "@PRIVATE_IP@";
export const PUBLIC_IP_PLACEHOLDER = "@PUBLIC_IP@";
/** The core's SIP balancer name: given to the delivery run as a parameter, so the files are known at preview. */
export const CORE_HOST_PLACEHOLDER = "@CORE_HOST@";

export interface SbcCarrier {
  readonly name: string;
  /** Where the carrier's signalling comes from (the SIP-layer allowlist). */
  readonly signallingCidrs: readonly string[];
  /** Where we send the carrier's calls and probes: "ip:port" or "host:port". */
  readonly gateways: readonly string[];
}

export interface SbcCustomer {
  readonly name: string;
  readonly sipCidrs: readonly string[];
}

/** A dialled-number prefix (E.164 digits, no "+") and its carriers in preference order. */
export interface SbcRoute {
  readonly prefix: string;
  readonly carriers: readonly string[];
}

export interface SbcPaths {
  /** Directory holding the rendered files (dispatcher list, TLS config). */
  readonly configDir: string;
  /** Runtime directory (control socket). */
  readonly runDir: string;
  readonly tlsCertificate: string;
  readonly tlsPrivateKey: string;
  /** CA bundle that carriers' TLS certificates are verified against. */
  readonly tlsCaList: string;
}

export interface SbcVoiceInput {
  readonly environment: string;
  readonly site: string;
  /** Listen address and the address advertised to carriers and customers (the Elastic IP). */
  readonly addresses: { readonly private: string; readonly public: string };
  readonly ports: {
    /** SIP over UDP and TCP, facing carriers and customers. */
    readonly sip: number;
    /** SIP over TLS. */
    readonly tls: number;
    /**
     * SIP from the core, on the private address only (ports.coreSip: what the SBC's security group admits
     * from the core). When it is the SIP port, the core shares the edge socket's address and port.
     */
    readonly core: number;
    /** Our RTP range (rtpengine's port-min/port-max). */
    readonly rtp: { readonly from: number; readonly to: number };
    /** rtpengine's control (ng) port, on loopback. */
    readonly rtpengineControl: number;
  };
  /** The core tier: one SIP URI naming it (an internal load balancer), and the CIDRs its requests come from. */
  readonly core: { readonly uri: string; readonly cidrs: readonly string[] };
  readonly carriers: readonly SbcCarrier[];
  readonly customers: readonly SbcCustomer[];
  readonly routes: readonly SbcRoute[];
  readonly probe: {
    readonly intervalSeconds: number;
    /** Unanswered probes before a target leaves rotation. */
    readonly failuresToRemove: number;
    /** Answered probes before it comes back. */
    readonly successesToRestore: number;
  };
  /** A carrier that sends no reply within this time is skipped for the next one (tm fr_timer). */
  readonly setupTimeoutSeconds: number;
  /** How long a call may ring once the far end has replied provisionally (tm fr_inv_timer). */
  readonly ringTimeoutSeconds: number;
  /** Flood limit per source address (pike), and how long a flooding source is then ignored. */
  readonly flood: { readonly requestsPerSecond: number; readonly banSeconds: number };
  readonly paths: SbcPaths;
  /** Rendered in drain mode (voice.drained): refuses new calls from its start, serves in-dialog requests. */
  readonly drained?: boolean;
  /** The SBC slot (1-based) a drained rendering is for: the Slot dimension of its drain state metric. */
  readonly slot?: number;
}

/** Dispatcher set of the core tier; carriers get CARRIER_SET_BASE + their index in config order. */
export const CORE_SET = 1;
export const CARRIER_SET_BASE = 100;

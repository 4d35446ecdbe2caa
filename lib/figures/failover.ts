// Detection and switch time per entry point (§4), from the config and the protocols' timers.
import type { NetworkConfig } from "../../config/schema";

/** RFC 3261 T1 (round-trip estimate) and Timer B = 64 x T1: how long a client waits on an INVITE. */
export const SIP_T1_MS = 500;
export const SIP_TIMER_B_SECONDS = (64 * SIP_T1_MS) / 1000;

/**
 * The SBC auto-recover alarm (built with the SBC pool): StatusCheckFailed_System, 1-minute period,
 * this many periods. Must match the pool's alarm; the figure is only as true as this constant.
 */
export const SBC_RECOVER_ALARM = { periodSeconds: 60, evaluationPeriods: 2 } as const;
/** EC2 auto-recovery: stop, move to healthy hardware, boot RHEL and the SBC software (an estimate). */
export const EC2_RECOVERY_SECONDS_ESTIMATE = 300;

export interface FailoverFigure {
  readonly entryPoint: string;
  /** Worst time until the failure is noticed. */
  readonly detectionSeconds: number;
  /** Worst time from detection until traffic goes elsewhere (or the host is back). */
  readonly switchSeconds: number;
  readonly totalSeconds: number;
  /** How the numbers are reached. */
  readonly basis: string;
}

export function failoverFigures(config: NetworkConfig): FailoverFigure[] {
  const hc = config.dns.healthCheck;
  // Cloudflare retries a timed-out check at once (not at the next interval) and, with the default
  // consecutive_down, one failed check (after its retries) marks the origin down. The worst case:
  // the origin dies just after a good check, waits a whole interval, then every attempt times out.
  const webDetection = hc.intervalSeconds + (hc.retries + 1) * hc.timeoutSeconds;
  const sbcDetection = SBC_RECOVER_ALARM.periodSeconds * SBC_RECOVER_ALARM.evaluationPeriods;
  const srvTtl = config.dns.srvTtl;
  return [
    {
      entryPoint: "web (Cloudflare load balancer, one pool per site)",
      detectionSeconds: webDetection,
      switchSeconds: 0,
      totalSeconds: webDetection,
      basis:
        `interval ${hc.intervalSeconds} s + (retries ${hc.retries} + 1) x timeout ${hc.timeoutSeconds} s; ` +
        "proxied traffic is re-steered by Cloudflare's edge at once, no DNS TTL involved",
    },
    {
      entryPoint: "SIP over UDP (DNS SRV, RFC 3263)",
      detectionSeconds: SIP_TIMER_B_SECONDS,
      switchSeconds: 0,
      totalSeconds: SIP_TIMER_B_SECONDS,
      basis:
        `an INVITE to a dead SBC times out after Timer B = 64 x T1 (${SIP_T1_MS} ms) = ${SIP_TIMER_B_SECONDS} s, ` +
        `then the client tries the next SRV target (RFC 3263 4.3); per call, until the answer withdrawing the target reaches it (SRV TTL ${srvTtl} s)`,
    },
    {
      entryPoint: "SIP over TCP/TLS (DNS SRV, RFC 3263)",
      detectionSeconds: SIP_TIMER_B_SECONDS,
      switchSeconds: 0,
      totalSeconds: SIP_TIMER_B_SECONDS,
      basis:
        "a refused connection (host up, SBC software down) fails in one round trip and the client moves on at once; " +
        `a dead host answers nothing and Timer B (${SIP_TIMER_B_SECONDS} s) bounds the wait, as for UDP`,
    },
    {
      entryPoint: "SBC host (EC2 auto-recover, same Elastic IP)",
      detectionSeconds: sbcDetection,
      switchSeconds: EC2_RECOVERY_SECONDS_ESTIMATE,
      totalSeconds: sbcDetection + EC2_RECOVERY_SECONDS_ESTIMATE,
      basis:
        `system status check: ${SBC_RECOVER_ALARM.evaluationPeriods} x ${SBC_RECOVER_ALARM.periodSeconds} s periods, ` +
        `then recovery onto new hardware (~${EC2_RECOVERY_SECONDS_ESTIMATE / 60} min, estimate); calls meanwhile fail over by SRV`,
    },
  ];
}

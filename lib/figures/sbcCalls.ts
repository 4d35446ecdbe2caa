// Calls per SBC after a loss (S6, §4): the SBC tier's load case in calls, against the RTP ports and the
// configured call capacity of one SBC.
import type { NetworkConfig } from "../../config/schema";
import type { LoadCase, PoolCapacity } from "./capacity";

/** RTP and RTCP: rtpengine takes an even port for RTP and the next one for RTCP, per media stream. */
export const PORTS_PER_STREAM = 2;
/**
 * Media streams one call holds on an SBC: rtpengine anchors both legs (the caller's side and the far
 * side), one audio stream each. Video would add two per leg; the SBC carries voice.
 */
export const STREAMS_PER_CALL = 2;

/** Calls the RTP range holds at once: whole port pairs, two streams per call. */
export function rtpCallLimit(rtp: { readonly from: number; readonly to: number }): number {
  const pairs = Math.floor((rtp.to - rtp.from + 1) / PORTS_PER_STREAM);
  return Math.floor(pairs / STREAMS_PER_CALL);
}

export interface SbcCallCase {
  readonly lost: string;
  readonly worstSite: string | null;
  /** Concurrent calls on the busiest surviving SBC: the load case's percent of the call capacity. */
  readonly callsPerSbc: number | null;
  /** True when the calls exceed the RTP range or the configured capacity (or nothing survives). */
  readonly aboveLimit: boolean;
}

export interface SbcCallFigure {
  /** voice.callCapacityPerSbc: the calls one SBC is sized for (100% load). */
  readonly callCapacity: number;
  /** Calls the RTP range (ports.rtp) holds. */
  readonly rtpCallLimit: number;
  readonly rtpPorts: number;
  /** Calls per SBC at the design load, before any loss. */
  readonly designCallsPerSbc: number;
  readonly siteLoss: SbcCallCase[];
  readonly azLoss: SbcCallCase[];
}

/** The SBC pool's load cases, in calls: load percent x call capacity, against both limits. */
export function sbcCallFigure(config: Pick<NetworkConfig, "voice" | "ports">, sbc: PoolCapacity): SbcCallFigure {
  const callCapacity = config.voice.callCapacityPerSbc;
  const limit = rtpCallLimit(config.ports.rtp);
  const calls = (percent: number) => Math.ceil((percent / 100) * callCapacity);
  const asCalls = (c: LoadCase): SbcCallCase => {
    const callsPerSbc = c.loadPercent === null ? null : calls(c.loadPercent);
    return {
      lost: c.lost,
      worstSite: c.worstSite,
      callsPerSbc,
      aboveLimit: callsPerSbc === null || callsPerSbc > Math.min(limit, callCapacity),
    };
  };
  return {
    callCapacity,
    rtpCallLimit: limit,
    rtpPorts: config.ports.rtp.to - config.ports.rtp.from + 1,
    designCallsPerSbc: calls(sbc.designLoadPercent),
    siteLoss: sbc.siteLoss.map(asCalls),
    azLoss: sbc.azLoss.map(asCalls),
  };
}

// Both ends of a call's media, sent through rtpengine: RTP (PCMU, 20 ms) and RTCP sender and receiver
// reports (RFC 3550 section 6.4) with known loss and jitter, so that rtpengine can compute the call's MOS.
import * as dgram from "dgram";

const PACKETS = 50;
const CLOCK_RATE = 8000;
/** What each side reports about what it received: 2% lost (RFC 3550 fraction: lost/256), 10 ms jitter. */
export const REPORTED = { fractionLost: 5, cumulativeLost: 1, jitterMs: 10 } as const;

export interface MediaEnd {
  /** Our socket: the address and port in this side's SDP. */
  readonly address: string;
  readonly port: number;
  /** Where rtpengine expects this side's RTP (from the SDP the other side's answer or offer carried). */
  readonly remotePort: number;
  readonly ssrc: number;
}

const ntpNow = (): [number, number] => {
  const ms = Date.now() + 2208988800000;
  return [Math.floor(ms / 1000) >>> 0, Math.floor(((ms % 1000) / 1000) * 2 ** 32) >>> 0];
};

function rtp(ssrc: number, seq: number): Buffer {
  const b = Buffer.alloc(12 + 160, 0xff);
  b.writeUInt8(0x80, 0);
  b.writeUInt8(0, 1); // PCMU
  b.writeUInt16BE(seq, 2);
  b.writeUInt32BE(seq * 160, 4);
  b.writeUInt32BE(ssrc, 8);
  return b;
}

interface Report {
  readonly ssrc: number;
  readonly highestSeq: number;
  readonly lsr: number;
  readonly dlsr: number;
}

/** A sender report, with one report block when `about` is given. */
function senderReport(ssrc: number, ntp: [number, number], about?: Report): Buffer {
  const b = Buffer.alloc(about ? 52 : 28);
  b.writeUInt8(0x80 | (about ? 1 : 0), 0);
  b.writeUInt8(200, 1);
  b.writeUInt16BE(b.length / 4 - 1, 2);
  b.writeUInt32BE(ssrc, 4);
  b.writeUInt32BE(ntp[0], 8);
  b.writeUInt32BE(ntp[1], 12);
  b.writeUInt32BE(PACKETS * 160, 16);
  b.writeUInt32BE(PACKETS, 20);
  b.writeUInt32BE(PACKETS * 160, 24);
  if (about) {
    b.writeUInt32BE(about.ssrc, 28);
    b.writeUInt32BE(((REPORTED.fractionLost << 24) | REPORTED.cumulativeLost) >>> 0, 32);
    b.writeUInt32BE(about.highestSeq, 36);
    b.writeUInt32BE((REPORTED.jitterMs * CLOCK_RATE) / 1000, 40);
    b.writeUInt32BE(about.lsr >>> 0, 44);
    b.writeUInt32BE(about.dlsr >>> 0, 48);
  }
  return b;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bind = (address: string, port: number) =>
  new Promise<dgram.Socket>((resolve, reject) => {
    const s = dgram.createSocket("udp4");
    s.once("error", reject);
    s.bind(port, address, () => resolve(s));
  });

/** Sockets for both ends, bound before the call so that no media is lost; closed by `close`. */
export class MediaPair {
  private constructor(
    private readonly sockets: dgram.Socket[],
    private readonly rtcpSockets: dgram.Socket[],
  ) {}
  readonly received = [0, 0];

  static async open(a: { address: string; port: number }, b: { address: string; port: number }): Promise<MediaPair> {
    const sockets = [await bind(a.address, a.port), await bind(b.address, b.port)];
    const rtcp = [await bind(a.address, a.port + 1), await bind(b.address, b.port + 1)];
    const pair = new MediaPair(sockets, rtcp);
    sockets.forEach((s, i) => s.on("message", () => pair.received[i]++));
    return pair;
  }

  /** One second of RTP each way, then SRs, then SRs that report on the other side (LSR/DLSR give the round trip). */
  async exchange(sbcAddress: string, ends: [MediaEnd, MediaEnd]): Promise<void> {
    const send = (i: number, b: Buffer, rtcp = false) =>
      new Promise<void>((resolve) =>
        (rtcp ? this.rtcpSockets : this.sockets)[i].send(b, ends[i].remotePort + (rtcp ? 1 : 0), sbcAddress, () =>
          resolve(),
        ),
      );
    for (let seq = 0; seq < PACKETS; seq++) {
      await Promise.all([send(0, rtp(ends[0].ssrc, seq)), send(1, rtp(ends[1].ssrc, seq))]);
      await sleep(20);
    }
    const ntp = [ntpNow(), ntpNow()];
    const reportedAt = performance.now();
    await Promise.all([
      send(0, senderReport(ends[0].ssrc, ntp[0]), true),
      send(1, senderReport(ends[1].ssrc, ntp[1]), true),
    ]);
    await sleep(100);
    const middle = (t: [number, number]) => ((t[0] & 0xffff) << 16) | (t[1] >>> 16);
    // DLSR, the receiver's delay since the SR, in 1/65536 s: half of what really passed, so that the
    // round trip rtpengine derives (arrival - LSR - DLSR) is always positive. A timer may fire a little
    // early, and a DLSR of the nominal 100 ms then gave a negative round trip, which rtpengine discards
    // with the call's MOS (a clean-clone CI run saw calls without MOS).
    const dlsr = Math.round(((performance.now() - reportedAt) / 1000 / 2) * 65536);
    await Promise.all(
      [0, 1].map((i) => {
        const other = 1 - i;
        return send(
          i,
          senderReport(ends[i].ssrc, ntpNow(), {
            ssrc: ends[other].ssrc,
            highestSeq: PACKETS - 1,
            lsr: middle(ntp[other]),
            dlsr,
          }),
          true,
        );
      }),
    );
    await sleep(200);
  }

  close(): void {
    [...this.sockets, ...this.rtcpSockets].forEach((s) => s.close());
  }
}

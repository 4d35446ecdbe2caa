// Calls in the capacity figure (S6, §4): concurrent calls per SBC after losing a site or an AZ, against
// the RTP range (2 ports per media stream, 2 streams per call) and voice.callCapacityPerSbc.
import { NetworkConfig, validateConfig } from "../../config";
import { computeFigures, rtpCallLimit } from "../../lib/figures";
import { rawStackConfig, stackConfig } from "../harness/config";

type AwsSite = Extract<NetworkConfig["sites"][number], { kind: "aws" }>;

const prod = stackConfig("prod");
const awsOf = (c: NetworkConfig) => c.sites.filter((s): s is AwsSite => s.kind === "aws");

describe("RTP call limit", () => {
  it("counts whole port pairs, two streams per call", () => {
    expect(rtpCallLimit({ from: 10000, to: 20000 })).toBe(2500); // 10001 ports: 5000 pairs
    expect(rtpCallLimit({ from: 10000, to: 10003 })).toBe(1);
    expect(rtpCallLimit({ from: 10000, to: 10002 })).toBe(0);
  });
});

describe("calls per SBC after a loss", () => {
  it.each(["prod", "staging"] as const)(
    "%s: each case is the SBC load case's percent of the call capacity",
    (stack) => {
      const config = stackConfig(stack);
      const f = computeFigures(config, []);
      const sbc = f.capacity.find((p) => p.tier === "sbc")!;
      const capacity = config.voice.callCapacityPerSbc;
      const limit = Math.floor(Math.floor((config.ports.rtp.to - config.ports.rtp.from + 1) / 2) / 2);
      expect(f.sbcCalls.callCapacity).toBe(capacity);
      expect(f.sbcCalls.rtpCallLimit).toBe(limit);
      expect(f.sbcCalls.designCallsPerSbc).toBe(Math.ceil((config.capacity.designLoadPercent / 100) * capacity));
      const expected = (cases: typeof sbc.siteLoss) =>
        cases.map((c) => {
          const calls = c.loadPercent === null ? null : Math.ceil((c.loadPercent / 100) * capacity);
          return {
            lost: c.lost,
            worstSite: c.worstSite,
            callsPerSbc: calls,
            aboveLimit: calls === null || calls > Math.min(limit, capacity),
          };
        });
      expect(f.sbcCalls.siteLoss).toEqual(expected(sbc.siteLoss));
      expect(f.sbcCalls.azLoss).toEqual(expected(sbc.azLoss));
    },
  );

  it("prod, by hand: 3 sites x 3 SBCs at 40% of 2000 calls; a site lost leaves 1200 per SBC, an AZ lost 1200", () => {
    expect(awsOf(prod).map((s) => [s.pools.sbc.count, s.azCount])).toEqual([
      [3, 3],
      [3, 3],
      [3, 3],
    ]);
    const f = computeFigures({ ...prod, voice: { ...prod.voice, callCapacityPerSbc: 2000 } }, []);
    expect(f.sbcCalls.designCallsPerSbc).toBe(800);
    // Site lost: 9 x 800 calls on 6 SBCs = 1200; AZ lost in a site: 3 x 800 on 2 = 1200.
    expect(f.sbcCalls.siteLoss.map((c) => c.callsPerSbc)).toEqual([1200, 1200, 1200]);
    expect(f.sbcCalls.azLoss.map((c) => c.callsPerSbc)).toEqual([1200, 1200, 1200]);
    expect(f.sbcCalls.siteLoss.every((c) => !c.aboveLimit)).toBe(true);
  });

  it("warns when the calls after a loss exceed the RTP range or the call capacity", () => {
    // 10000-12399: 1200 pairs = 600 calls; 1200 calls per SBC after a loss exceed it.
    const narrow = { ...prod, ports: { ...prod.ports, rtp: { from: 10000, to: 12399 } } };
    const f = computeFigures({ ...narrow, voice: { ...prod.voice, callCapacityPerSbc: 600 } }, []);
    expect(f.sbcCalls.rtpCallLimit).toBe(600);
    // 40% of 600 = 240 at design; 60% after a loss = 360: within. At 100% design (no headroom) it is not.
    const loaded = computeFigures(
      {
        ...narrow,
        voice: { ...prod.voice, callCapacityPerSbc: 600 },
        capacity: { ...prod.capacity, designLoadPercent: 70 },
      },
      [],
    );
    expect(f.capacityWarnings.filter((w) => w.startsWith("sbc calls"))).toEqual([]);
    expect(loaded.sbcCalls.siteLoss.map((c) => c.callsPerSbc)).toEqual([630, 630, 630]);
    expect(loaded.capacityWarnings).toContain(
      `sbc calls: losing site ${awsOf(prod)[0].name} leaves 630 calls per SBC (capacity 600, RTP range 600)`,
    );
  });

  it("refuses a call capacity the RTP range cannot hold, and defaults it when absent", () => {
    const raw = rawStackConfig("prod");
    raw.voice.callCapacityPerSbc = 2501;
    expect(() => validateConfig(raw)).toThrow(
      "callmyway-network:voice.callCapacityPerSbc: 2501 calls per SBC do not fit ports.rtp (10000-20000): it holds 2500 calls at 2 ports per stream and 2 streams per call",
    );
    const fresh = rawStackConfig("prod");
    delete fresh.voice.callCapacityPerSbc;
    expect(validateConfig(fresh).voice.callCapacityPerSbc).toBe(2000);
  });
});

import * as fs from "fs";
import * as path from "path";
import { SbcRig } from "./rig";
import { ADDR, PORT } from "./loopbackInput";
import { MediaPair } from "./media";
import { waitFor } from "./processes";

const NUMBER = "+34911234567";
const MEDIA = { caller: 36000, core: 36010 } as const;

interface QualityRecord {
  event: string;
  Site: string;
  Customer: string;
  MOS?: number;
  JitterMs?: number;
  PacketLossPercent?: number;
  LatencyMs?: number;
}

const qualityRecords = (log: string): QualityRecord[] =>
  log
    .split("\n")
    .filter((l) => l.includes('"event":"call_quality"'))
    .map((l) => JSON.parse(l.slice(l.indexOf("VOICE_METRIC ") + 13)));

/** A customer's call to the core with media both ways through rtpengine; returns the caller's result. */
async function callWithMedia(rig: SbcRig): Promise<number | null> {
  const files = { caller: path.join(rig.dir, "caller.port"), core: path.join(rig.dir, "core.port") };
  rig.party("core", ADDR.core, PORT.core, { answer: 200, mediaPort: MEDIA.core, mediaPortFile: files.core });
  await rig.waitProbe(`sip:localhost:${PORT.core}`, true);
  const media = await MediaPair.open(
    { address: ADDR.customer, port: MEDIA.caller },
    { address: ADDR.core, port: MEDIA.core },
  );
  try {
    const call = rig.call("customer", ADDR.customer, NUMBER, {
      expect: 200,
      // Long enough for the media and its RTCP reports to pass before the BYE even on a loaded machine
      // (the exchange starts only once both ends know their ports); rtpengine's MOS needs the reports.
      holdMs: 9000,
      mediaPort: MEDIA.caller,
      mediaPortFile: files.caller,
    });
    await waitFor("both media ports", () => fs.existsSync(files.caller) && fs.existsSync(files.core), 10000);
    const port = (f: string) => Number(fs.readFileSync(f, "utf8").trim());
    await media.exchange(ADDR.sbc, [
      { address: ADDR.customer, port: MEDIA.caller, remotePort: port(files.caller), ssrc: 0x1111 },
      { address: ADDR.core, port: MEDIA.core, remotePort: port(files.core), ssrc: 0x2222 },
    ]);
    const code = await call;
    // Media went through rtpengine both ways.
    expect(media.received[0]).toBeGreaterThan(0);
    expect(media.received[1]).toBeGreaterThan(0);
    return code;
  } finally {
    media.close();
  }
}

describe("voice quality per call (S14)", () => {
  let rig: SbcRig;
  afterEach(async () => rig.stop());

  it("a call's MOS, jitter, loss and latency from rtpengine are published with its site and customer", async () => {
    rig = new SbcRig();
    await rig.start();
    expect(await callWithMedia(rig)).toBe(0);
    await waitFor("the quality record", () => qualityRecords(rig.kamailioLog()).length > 0, 5000);
    const [record] = qualityRecords(rig.kamailioLog());
    expect(record).toMatchObject({ Site: "use1", Customer: "acme-pbx" });
    expect(record.MOS).toBeGreaterThanOrEqual(1);
    expect(record.MOS).toBeLessThanOrEqual(5);
    expect(record.JitterMs).toBeGreaterThan(0);
    expect(record.PacketLossPercent).toBeGreaterThan(0);
    expect(typeof record.LatencyMs).toBe("number");
  });

  it("without the quality record, the call leaves no record", async () => {
    rig = new SbcRig();
    await rig.start(["quality"]);
    expect(await callWithMedia(rig)).toBe(0);
    expect(qualityRecords(rig.kamailioLog())).toEqual([]);
  });
});

import { SbcRig } from "./rig";
import { ADDR, PORT, SETUP_TIMEOUT_SECONDS } from "./loopbackInput";

// A call from the core to Mexico (+52): atlas first, then borealis, then cosmos.
const MEXICO = "+525512345678";
const atlas = `sip:${ADDR.atlas}:${PORT.carrier}`;
const borealis = `sip:${ADDR.borealis}:${PORT.carrier}`;
// The answer must come within the setup timeout plus the time the next carrier takes (well under Timer B's 32 s).
const ANSWER_WITHIN_MS = SETUP_TIMEOUT_SECONDS * 1000 + 2500;

async function carriers(rig: SbcRig, first: 503 | "silent") {
  rig.party("atlas", ADDR.atlas, PORT.carrier, { answer: first });
  rig.party("borealis", ADDR.borealis, PORT.carrier, { answer: 200 });
  await rig.waitProbe(atlas, true);
  await rig.waitProbe(borealis, true);
}

describe("carrier failover at call setup (S15)", () => {
  let rig: SbcRig;
  afterEach(async () => rig.stop());

  it("a carrier answering 503 is skipped for the next one in the same setup", async () => {
    rig = new SbcRig();
    await rig.start();
    await carriers(rig, 503);
    expect(await rig.call("core", ADDR.core, MEXICO, { expect: 200 })).toBe(0);
    expect(rig.messages("atlas")).toMatch(/^SIP\/2\.0 503/m);
    expect(rig.messages("borealis")).toMatch(/^INVITE sip:\+525512345678/m);
  });

  // A proxy turns a 503 it would forward into a 500 (RFC 3261 section 16.7, step 6).
  it("without the failover route, the caller gets the carrier's failure", async () => {
    rig = new SbcRig();
    await rig.start(["failover"]);
    await carriers(rig, 503);
    expect(await rig.call("core", ADDR.core, MEXICO, { expect: 500 })).toBe(0);
    expect(rig.messages("borealis")).not.toMatch(/^INVITE/m);
  });

  it("a carrier that never answers is skipped within the setup timeout", async () => {
    rig = new SbcRig();
    await rig.start();
    await carriers(rig, "silent");
    expect(await rig.call("core", ADDR.core, MEXICO, { expect: 200, answerWithinMs: ANSWER_WITHIN_MS })).toBe(0);
    expect(rig.messages("atlas")).toMatch(/^INVITE/m);
    expect(rig.messages("borealis")).toMatch(/^INVITE/m);
  });

  it("without the setup timeout, a silent carrier holds the call past that time", async () => {
    rig = new SbcRig();
    await rig.start(["setup-timeout"]);
    await carriers(rig, "silent");
    expect(await rig.call("core", ADDR.core, MEXICO, { expect: 200, answerWithinMs: ANSWER_WITHIN_MS }, 8000)).not.toBe(
      0,
    );
    expect(rig.messages("borealis")).not.toMatch(/^INVITE/m);
  });
});

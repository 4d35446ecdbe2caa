import { SbcRig } from "./rig";
import { ADDR, PORT, PROBE_INTERVAL_SECONDS, SETUP_TIMEOUT_SECONDS } from "./loopbackInput";

const SPAIN = "+34911234567";
const atlas = `sip:${ADDR.atlas}:${PORT.carrier}`;
// Two unanswered probes take it out: give it several intervals (plus each probe's own timeout).
const OUT_WITHIN_MS = 10000;
const probeUp = (log: string, value: 0 | 1) =>
  new RegExp(`"Target":"carrier-atlas/${ADDR.atlas}:${PORT.carrier}","kind":"carrier","ProbeUp":${value}`).test(log);

describe("SIP OPTIONS probing of carriers (S5)", () => {
  let rig: SbcRig;
  afterEach(async () => rig.stop());

  it("a carrier that stops answering leaves rotation, calls skip it, and it returns when it answers again", async () => {
    rig = new SbcRig();
    await rig.start();
    const first = rig.party("atlas", ADDR.atlas, PORT.carrier, { answer: 200 });
    rig.party("borealis", ADDR.borealis, PORT.carrier, { answer: 200 });
    await rig.waitProbe(atlas, true);

    await rig.processes.stop(first);
    await rig.waitProbe(atlas, false, OUT_WITHIN_MS);
    expect(probeUp(rig.kamailioLog(), 0)).toBe(true);
    // Spain prefers atlas; out of rotation, it is not even tried (no setup timeout on it): borealis answers.
    expect(
      await rig.call("core", ADDR.core, SPAIN, { expect: 200, answerWithinMs: SETUP_TIMEOUT_SECONDS * 1000 + 2500 }),
    ).toBe(0);
    expect(rig.messages("borealis")).toMatch(/^INVITE/m);
    expect(rig.kamailioLog()).not.toContain(`carrier ${atlas} sent no reply within the setup timeout`);

    rig.party("atlas-again", ADDR.atlas, PORT.carrier, { answer: 200 });
    await rig.waitProbe(atlas, true, OUT_WITHIN_MS);
    expect(rig.kamailioLog()).toMatch(/answers OPTIONS again: back in rotation/);
  });

  it("without probing, a dead carrier stays in rotation", async () => {
    rig = new SbcRig();
    await rig.start(["probing"]);
    const first = rig.party("atlas", ADDR.atlas, PORT.carrier, { answer: 200 });
    await rig.processes.stop(first);
    // Many probe intervals pass; nothing notices.
    await new Promise((r) => setTimeout(r, PROBE_INTERVAL_SECONDS * 5000));
    expect(rig.probeFlags(atlas)?.startsWith("A")).toBe(true);
  });
});

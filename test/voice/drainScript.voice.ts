// The rendered drain script against real Kamailio (S5): drain mode on, then wait for the calls in
// progress to end, bounded by the drain limit. Both endings: the call ends first (drained, exit 0, early)
// and a call that outlives the limit (exit 3 at the limit, the call still up).
import * as fs from "fs";
import * as path from "path";
import { DRAIN_EXIT, renderDrainScript } from "../../components/voice";
import { SbcRig } from "./rig";
import { ADDR, PORT } from "./loopbackInput";
import { readLog, waitFor } from "./processes";

const NUMBER = "+34911234567";
const POLL_SECONDS = 1;
const SLOT = 2;

interface DrainState {
  event: string;
  Site: string;
  Slot: string;
  ActiveCalls: number;
  Drained: number;
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] };
}

/** The drain state records (EMF) in a log: the script's output, or Kamailio's. */
const drainStates = (log: string): DrainState[] =>
  log
    .split("\n")
    .filter((l) => l.includes('"event":"drain_state"'))
    .map((l) => JSON.parse(l.slice(l.indexOf("VOICE_METRIC ") + 13)));

/** One answered call held for `holdMs`, then the drain script with `limitSeconds`: its exit and duration. */
async function drainWithCall(rig: SbcRig, holdMs: number, limitSeconds: number) {
  rig.party("core", ADDR.core, PORT.core, { answer: 200 });
  await rig.waitProbe(`sip:localhost:${PORT.core}`, true);
  const call = rig.call("held", ADDR.customer, NUMBER, { expect: 200, holdMs }, holdMs + 20000);
  await waitFor("the call to be answered", () => /^ACK /m.test(rig.messages("core")), 10000);
  const script = path.join(rig.dir, "drain.sh");
  fs.writeFileSync(
    script,
    renderDrainScript({ paths: rig.input.paths, site: rig.input.site, limitSeconds, pollSeconds: POLL_SECONDS }),
  );
  const log = path.join(rig.dir, "drain.log");
  const started = Date.now();
  // Killed (exit null) if it outlives the limit by far: a script that ignores the limit fails here.
  const exit = await rig.processes.run("drain", "bash", [script, String(SLOT)], log, (limitSeconds + 10) * 1000);
  const seconds = (Date.now() - started) / 1000;
  const refusedWhileDraining = await rig.call("new", ADDR.customer, NUMBER, { expect: 503 }, 8000);
  return { exit, seconds, log: readLog(log), call, refusedWhileDraining };
}

describe("the drain script (S5)", () => {
  let rig: SbcRig;
  afterEach(async () => rig.stop());

  it("reports drained (exit 0) as soon as the last call ends, well before the limit", async () => {
    rig = new SbcRig();
    await rig.start();
    const limit = 20;
    const { exit, seconds, log, call, refusedWhileDraining } = await drainWithCall(rig, 3000, limit);
    expect(log).toMatch(/DRAINED: no calls left/);
    expect(exit).toBe(DRAIN_EXIT.drained);
    expect(seconds).toBeLessThan(limit / 2);
    expect(await call).toBe(0);
    expect(refusedWhileDraining).toBe(0);
    expect(rig.messages("core")).toMatch(/^BYE /m);
    // The drain state, per site and slot: the call while it lasted, then drained with none left.
    const states = drainStates(log);
    expect(states[0]).toMatchObject({ Site: "use1", Slot: String(SLOT), ActiveCalls: 1, Drained: 0 });
    expect(states[states.length - 1]).toMatchObject({ Site: "use1", Slot: String(SLOT), ActiveCalls: 0, Drained: 1 });
    expect(states[0]._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: "CallMyWay/Voice",
      Dimensions: [["Site", "Slot"]],
    });
  });

  it("stops at the limit (exit 3) while a call that does not end is still up", async () => {
    rig = new SbcRig();
    await rig.start();
    const limit = 4;
    const { exit, seconds, log, call } = await drainWithCall(rig, 25000, limit);
    expect(log).toMatch(/LIMIT REACHED: 1 calls still up/);
    expect(exit).toBe(DRAIN_EXIT.limitReached);
    expect(seconds).toBeGreaterThanOrEqual(limit - 1);
    expect(seconds).toBeLessThan(limit + 3);
    // Not drained: every record says the call is still up.
    expect(drainStates(log).length).toBeGreaterThan(0);
    drainStates(log).forEach((s) => expect(s).toMatchObject({ Slot: String(SLOT), ActiveCalls: 1, Drained: 0 }));
    // The call was not cut by the script: it is still up, then ends with its BYE.
    expect(rig.messages("core")).not.toMatch(/^BYE /m);
    expect(await call).toBe(0);
  });
});

describe("a slot drained by config (voice.drained)", () => {
  let rig: SbcRig;
  afterEach(async () => rig.stop());

  const newCall = async (without: "drain"[]) => {
    rig = new SbcRig({ drained: true, slot: SLOT });
    await rig.start(without);
    rig.party("core", ADDR.core, PORT.core, { answer: 200 });
    await rig.waitProbe(`sip:localhost:${PORT.core}`, true);
    return rig.call("new", ADDR.customer, NUMBER, { expect: 503 }, 8000);
  };

  it("refuses new calls with 503 from its start, without the drain script, and publishes its drain state", async () => {
    expect(await newCall([])).toBe(0);
    // No call in progress: drained, with its site and slot.
    await waitFor("the drain state", () => drainStates(rig.kamailioLog()).length > 0, 5000);
    expect(drainStates(rig.kamailioLog())[0]).toMatchObject({
      Site: "use1",
      Slot: String(SLOT),
      ActiveCalls: 0,
      Drained: 1,
    });
  });

  it("without the drain feature rendered, the same SBC takes the call", async () => {
    expect(await newCall(["drain"])).not.toBe(0);
  });
});

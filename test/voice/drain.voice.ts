import { SbcRig } from "./rig";
import { ADDR, PORT } from "./loopbackInput";
import { waitFor } from "./processes";

const NUMBER = "+34911234567";
const HOLD_MS = 6000;

/** An established call, then drain, then a new call: returns both callers' results. */
async function drainDuringCall(rig: SbcRig) {
  rig.party("core", ADDR.core, PORT.core, { answer: 200 });
  // Four ports up: a SIPp party's media takes its port + 1000 to + 1003 (audio, RTCP, video, RTCP), so
  // PORT.core + 2 would bind core's video port and one of the two would exit at random.
  rig.party("core-2", ADDR.core, PORT.core + 4, { answer: 200 });
  await rig.waitProbe(`sip:localhost:${PORT.core}`, true);
  const established = rig.call("established", ADDR.customer, NUMBER, { expect: 200, holdMs: HOLD_MS });
  await waitFor("the first call to be answered", () => /^ACK /m.test(rig.messages("core")), 10000);
  rig.rpc("htable.seti", "sbc", "draining", "1");
  const refused = await rig.call("new", ADDR.customer, NUMBER, { expect: 503 }, 8000);
  return { refused, established: await established };
}

describe("drain before replace (S5)", () => {
  let rig: SbcRig;
  afterEach(async () => rig.stop());

  it("a draining SBC refuses new calls with 503 while the established call continues to its BYE", async () => {
    rig = new SbcRig();
    await rig.start();
    const { refused, established } = await drainDuringCall(rig);
    expect(refused).toBe(0);
    expect(established).toBe(0);
    expect(rig.messages("core")).toMatch(/^BYE /m);
  });

  it("without drain mode, the new call is taken", async () => {
    rig = new SbcRig();
    await rig.start(["drain"]);
    const { refused } = await drainDuringCall(rig);
    expect(refused).not.toBe(0);
  });
});

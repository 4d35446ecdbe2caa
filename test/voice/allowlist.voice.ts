import { SbcRig } from "./rig";
import { ADDR, PORT } from "./loopbackInput";

// Anyone calling in is sent to the core; the core answers whatever reaches it.
const NUMBER = "+34911234567";

describe("SIP-layer allowlist, second line behind the security groups", () => {
  let rig: SbcRig;
  afterEach(async () => rig.stop());

  it("a configured customer's call reaches the core", async () => {
    rig = new SbcRig();
    await rig.start();
    rig.party("core", ADDR.core, PORT.core, { answer: 200 });
    await rig.waitProbe(`sip:localhost:${PORT.core}`, true);
    expect(await rig.call("customer", ADDR.customer, NUMBER, { expect: 200 })).toBe(0);
  });

  it("a call from an address outside every allowlist is refused before the core sees it", async () => {
    rig = new SbcRig();
    await rig.start();
    rig.party("core", ADDR.core, PORT.core, { answer: 200 });
    await rig.waitProbe(`sip:localhost:${PORT.core}`, true);
    expect(await rig.call("outsider", ADDR.outsider, NUMBER, { expect: 403 })).toBe(0);
    expect(rig.messages("core")).not.toMatch(/^INVITE/m);
  });

  it("without the allowlist, the outsider's call reaches the core", async () => {
    rig = new SbcRig();
    await rig.start(["allowlist"]);
    rig.party("core", ADDR.core, PORT.core, { answer: 200 });
    await rig.waitProbe(`sip:localhost:${PORT.core}`, true);
    expect(await rig.call("outsider", ADDR.outsider, NUMBER, { expect: 403 }, 8000)).not.toBe(0);
    expect(rig.messages("core")).toMatch(/^INVITE/m);
  });
});

// The core-facing socket (S5): the core reaches the SBC on its private address, and the Record-Route it
// gets names that address, so the core's own in-dialog requests (its BYE) reach the SBC and the caller.
// The SBC's "Elastic IP" here is an address where nothing listens: from the core's private subnets the
// real one is reached only through the NAT gateway, from an address the SBC does not take as the core.
import { SbcRig } from "./rig";
import { ADDR, PORT, RTP } from "./loopbackInput";

const NUMBER = "+34911234567";
const HOLD_MS = 1000;

/** Both port layouts: the core's SIP port is the SIP port (both stacks today), or a port of its own. */
const LAYOUTS = [
  { name: "the core's SIP port is the SIP port", core: PORT.sip },
  // Four ports up from the SIP port, as the SIPp parties keep apart.
  { name: "the core has its own SIP port", core: PORT.sip + 4 },
] as const;

/** A customer's call answered by the core, which then hangs up along its route set. */
async function coreHangsUp(rig: SbcRig): Promise<number | null> {
  rig.party("core", ADDR.core, PORT.core, { answer: 200, hangUpAfterMs: HOLD_MS });
  await rig.waitProbe(`sip:localhost:${PORT.core}`, true);
  return rig.call("customer", ADDR.customer, NUMBER, { expect: 200, farEndHangsUp: true, holdMs: HOLD_MS }, 15000);
}

/** The BYEs a party received (SIPp also sends one of its own when a call fails: those are left out). */
const receivedByes = (messages: string) =>
  messages.split(/^-{10,}.*$/m).filter((block) => /message received[^\n]*\n\s*BYE /.test(block));

const topRecordRoute = (messages: string) => /^Record-Route:\s*<sip:([^;>]+)/m.exec(messages)?.[1];

describe.each(LAYOUTS)("a BYE from the core ($name)", ({ core }) => {
  let rig: SbcRig;
  const rigFor = () =>
    new SbcRig({
      addresses: { private: ADDR.sbc, public: ADDR.sbcPublic },
      ports: { sip: PORT.sip, tls: PORT.tls, core, rtp: RTP, rtpengineControl: PORT.ng },
    });
  afterEach(async () => rig.stop());

  it("reaches the caller through the SBC, which the core finds on its private address", async () => {
    rig = rigFor();
    await rig.start();
    expect(await coreHangsUp(rig)).toBe(0);
    // The core's route set starts at the SBC's private address and core port, not the Elastic IP.
    expect(topRecordRoute(rig.messages("core"))).toBe(`${ADDR.sbc}:${core}`);
    // The caller got the core's BYE from the SBC's edge side (its Via names the advertised address).
    const byes = receivedByes(rig.messages("customer"));
    expect(byes).toHaveLength(1);
    expect(byes[0]).toMatch(new RegExp(`^Via: SIP/2\\.0/UDP ${ADDR.sbcPublic.replace(/\./g, "\\.")}:${PORT.sip}`, "m"));
  });

  it("without the core-facing socket, the core's BYE goes to the Elastic IP and never reaches the caller", async () => {
    rig = rigFor();
    await rig.start(["core-socket"]);
    expect(await coreHangsUp(rig)).not.toBe(0);
    expect(topRecordRoute(rig.messages("core"))).toBe(`${ADDR.sbcPublic}:${PORT.sip}`);
    expect(receivedByes(rig.messages("customer"))).toEqual([]);
  });
});

// What one config can say about an SBC rollout and drained slots (S5), and each slot's release.
import { validateConfig } from "../../config";
import { sbcSlotReleases } from "../../lib/rollout/sbcSlots";
import { issuesOf, rawStackConfig } from "../harness/config";

const NEW = { kamailio: "5.6.4", rtpengine: "10.5.3.6" };

describe("rollout and drain validation", () => {
  it("accepts a step that moves one drained slot per site", () => {
    const raw = rawStackConfig("prod");
    raw.voice.rollout = { packages: NEW, slots: { use1: [1] }, moving: { use1: 2, sae1: 1 } };
    raw.voice.drained = { use1: [2], sae1: [1] };
    expect(issuesOf(raw)).toEqual([]);
  });

  it("refuses moving a slot that is not drained, or that has already moved", () => {
    const raw = rawStackConfig("prod");
    raw.voice.rollout = { packages: NEW, slots: { use1: [1] }, moving: { use1: 1, sae1: 2 } };
    raw.voice.drained = { use1: [1] };
    expect(issuesOf(raw)).toEqual([
      "- callmyway-network:voice.rollout.moving.use1: slot 1 of use1 has already moved (voice.rollout.slots.use1)",
      "- callmyway-network:voice.rollout.moving.sae1: slot 2 of sae1 is replaced in this step but is not drained: first add it to voice.drained.sae1 and wait for the drain script to report it drained",
    ]);
  });

  it("refuses unknown sites, slots beyond pools.sbc.count, repeats and more than one drained slot per site", () => {
    const raw = rawStackConfig("prod");
    raw.voice.rollout = { packages: NEW, slots: { use1: [2, 2], nowhere: [1] }, moving: { euw1: 4 } };
    raw.voice.drained = { euw1: [4], sae1: [1, 3], "mia-dc": [1] };
    expect(issuesOf(raw)).toEqual([
      "- callmyway-network:voice.drained.euw1: slot 4 does not exist: euw1 has 3 SBCs",
      '- callmyway-network:voice.drained.mia-dc: "mia-dc" is not an AWS site with SBCs',
      "- callmyway-network:voice.drained.sae1: 2 slots of sae1 are drained (1, 3): drain one slot per site at a time",
      "- callmyway-network:voice.rollout.slots.use1: slot 2 is listed twice",
      '- callmyway-network:voice.rollout.slots.nowhere: "nowhere" is not an AWS site with SBCs',
      "- callmyway-network:voice.rollout.moving.euw1: slot 4 does not exist: euw1 has 3 SBCs",
    ]);
  });

  it("refuses a rollout without a new release, or with an image not validated or not pinned where it moves", () => {
    const raw = rawStackConfig("prod");
    raw.voice.rollout = { slots: { use1: [1] } };
    expect(issuesOf(raw)).toEqual([
      "- callmyway-network:voice.rollout: a rollout names the new release: rhel, packages or both",
    ]);
    raw.voice.rollout = { rhel: "rhel-10.0", slots: { use1: [1] } };
    expect(issuesOf(raw)).toEqual([
      '- callmyway-network:voice.rollout.rhel: "rhel-10.0" is not a validated release in rhel (rhel-9.4)',
    ]);
    raw.rhel.push({ ...raw.rhel[0], name: "rhel-9.7", amiIds: { "eu-west-1": "ami-0123456789abcdef0" } });
    raw.voice.rollout = { rhel: "rhel-9.7", slots: { use1: [1] } };
    expect(issuesOf(raw)).toEqual([
      '- callmyway-network:voice.rollout.rhel: release "rhel-9.7" has no image id for us-east-1, where the rollout moves SBCs: run `npm run pin-images -- --stack <stack>`',
    ]);
  });
});

describe("each slot's release", () => {
  it("moved and moving slots run the rollout's release, the others the site's base; drain is per slot", () => {
    const raw = rawStackConfig("prod");
    raw.rhel.push({ ...raw.rhel[0], name: "rhel-9.7" });
    raw.voice.rollout = { rhel: "rhel-9.7", packages: NEW, slots: { use1: [1] }, moving: { use1: 2 } };
    raw.voice.drained = { use1: [2] };
    const config = validateConfig(raw);
    const use1 = config.sites.find((s) => s.name === "use1")!;
    if (use1.kind !== "aws") throw new Error("use1 is an AWS site");
    const base = { rhel: use1.pools.sbc.rhel, packages: config.voice.packages };
    expect(sbcSlotReleases(config, use1)).toEqual([
      { slot: 1, rhel: "rhel-9.7", packages: NEW, moved: true, moving: false, drained: false },
      { slot: 2, rhel: "rhel-9.7", packages: NEW, moved: true, moving: true, drained: true },
      { slot: 3, ...base, moved: false, moving: false, drained: false },
    ]);
    // Only the rollout's sites move: sae1 stays on its base even though the rollout names a new image.
    const sae1 = config.sites.find((s) => s.name === "sae1")!;
    if (sae1.kind !== "aws") throw new Error("sae1 is an AWS site");
    expect(sbcSlotReleases(config, sae1).every((s) => !s.moved && s.rhel === sae1.pools.sbc.rhel)).toBe(true);
  });
});

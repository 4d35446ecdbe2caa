// Replacing an SBC never drops calls (S5): every step of a rollout of a new image and new SBC packages,
// planned against the step before it with the review diff, replaces at most one SBC per site, and only a
// drained one; the promotion replaces nothing; the naive change (the new image as the sites' pin) would
// replace every SBC at once, and the diff's step check says so.
import { validateConfig } from "../../config";
import { rolloutSteps } from "../../lib/rollout/steps";
import { PlanDiff, diffMarkdown, diffPlans } from "../../tools/plan/diff";
import { PlanDocument } from "../../tools/plan/document";
import { documentFromRaw, rawStackConfig } from "../harness/config";
import { Run, runStackDocument } from "../harness/program";

const NEW_RELEASE = "rhel-9.7";
const NEW_PACKAGES = { kamailio: "5.6.4", rtpengine: "10.5.3.6" };

/** The stack's config with a new validated release pinned in every region of its sites. */
function withNewRelease(stack: "prod" | "staging"): Record<string, any> {
  const raw = rawStackConfig(stack);
  const regions = raw.sites.filter((s: any) => s.kind === "aws").map((s: any) => s.region);
  raw.rhel.push({
    name: NEW_RELEASE,
    amiName: "RHEL-9.7.0_HVM-20260101-x86_64-0-Hourly2-GP3",
    owner: "309956199498",
    amiIds: Object.fromEntries(regions.map((r: string, i: number) => [r, `ami-0000000000000097${i}`])),
  });
  return raw;
}

const planOf = (stack: string, run: Run): PlanDocument => ({
  project: "callmyway-network",
  stack,
  resources: run.resources,
  outputs: {},
});

const SBC = "aws:ec2/instance:Instance";

/**
 * The rollout's tests for one environment. One file per environment calls it
 * (rolloutSteps.<env>.test.ts): each plans the environment about 20 times, so the two run in
 * parallel jest workers rather than one after the other in one.
 */
export function describeRollout(stack: "prod" | "staging"): void {
  describe(`an SBC rollout in ${stack}, step by step`, () => rolloutTests(stack));
}

function rolloutTests(stack: "prod" | "staging"): void {
  const base = withNewRelease(stack);
  const steps = [{ name: "base", raw: base }, ...rolloutSteps(base, { rhel: NEW_RELEASE, packages: NEW_PACKAGES })];
  const sites = base.sites.filter((s: any) => s.kind === "aws");
  const diffs: { name: string; diff: PlanDiff }[] = [];
  let naive: PlanDiff;
  let drainAndMove: PlanDiff;

  beforeAll(async () => {
    const plan = async (raw: Record<string, any>) =>
      planOf(stack, await runStackDocument(stack, documentFromRaw(stack, raw), { preview: true }));
    const basePlan = await plan(base);
    let before = basePlan;
    for (const step of steps.slice(1)) {
      const after = await plan(step.raw);
      diffs.push({ name: step.name, diff: diffPlans(before, after) });
      if (step.name === "move slot 1") drainAndMove = diffPlans(basePlan, after);
      before = after;
    }
    // The naive change: the new image and packages as every site's base, in one step.
    const pinned = JSON.parse(JSON.stringify(base));
    pinned.sites.forEach((s: any) => s.kind === "aws" && (s.pools.sbc.rhel = NEW_RELEASE));
    pinned.voice.packages = NEW_PACKAGES;
    naive = diffPlans(await plan(base), await plan(pinned));
  }, 900_000);

  it("every step is a valid config", () => {
    steps.forEach((s) => expect(() => validateConfig(s.raw)).not.toThrow());
    const slots = Math.max(...sites.map((s: any) => s.pools.sbc.count));
    expect(steps.map((s) => s.name)).toHaveLength(2 + 3 * slots);
  });

  it("each step replaces at most one SBC per site, a drained one: the step check finds nothing", () => {
    diffs.forEach(({ name, diff }) => {
      expect([name, diff.sbcStepProblems]).toEqual([name, []]);
      diff.sbcSteps.forEach((s) => expect([name, s.site, s.replacedSlots.length]).toEqual([name, s.site, 1]));
    });
  });

  it("a move step replaces exactly that slot in every site that has it (and its Elastic IP association), nothing else", () => {
    diffs
      .filter((d) => d.name.startsWith("move"))
      .forEach(({ name, diff }) => {
        const slot = Number(name.split(" ").pop());
        const expected = sites
          .filter((s: any) => s.pools.sbc.count >= slot)
          .map((s: any) => ({ site: s.name, replacedSlots: [slot], undrainedSlots: [], notDrainedBeforeSlots: [] }))
          .sort((a: any, b: any) => a.site.localeCompare(b.site));
        expect(diff.sbcSteps).toEqual(expected);
        const kinds = [...new Set(diff.replaced.map((r) => r.type))].sort();
        expect(kinds).toEqual(["aws:ec2/eipAssociation:EipAssociation", SBC]);
      });
  });

  it("drain, undrain and the promotion replace nothing", () => {
    const quiet = diffs.filter((d) => !d.name.startsWith("move"));
    expect(quiet.map((d) => d.name)).toContain("promote");
    quiet.forEach(({ name, diff }) => expect([name, diff.replaced]).toEqual([name, []]));
  });

  it("the naive change replaces every SBC of every site at once, and the step check names the sites and slots", () => {
    const slots = (site: any) => Array.from({ length: site.pools.sbc.count }, (_, i) => i + 1);
    expect(naive.sbcSteps).toEqual(
      sites
        .map((s: any) => ({
          site: s.name,
          replacedSlots: slots(s),
          undrainedSlots: slots(s),
          notDrainedBeforeSlots: [],
        }))
        .sort((a: any, b: any) => a.site.localeCompare(b.site)),
    );
    const markdown = diffMarkdown(naive, stack);
    expect(markdown).toContain("#### SBC step check: this change drops calls");
    sites.forEach((s: any) =>
      expect(markdown).toContain(
        `site ${s.name}: this step replaces ${s.pools.sbc.count} SBCs (slots ${slots(s).join(", ")})`,
      ),
    );
  });

  it("draining and moving a slot in one step is flagged: the baseline did not drain it, the drain had no time", () => {
    sites.forEach((s: any) =>
      expect(drainAndMove.sbcSteps.find((x) => x.site === s.name)).toMatchObject({
        replacedSlots: [1],
        undrainedSlots: [],
        notDrainedBeforeSlots: [1],
      }),
    );
    sites.forEach((s: any) =>
      expect(drainAndMove.sbcStepProblems).toContain(
        `site ${s.name}: this step drains and replaces SBC slot 1 at once: the baseline did not drain it, so its calls had no time to end (drain in a step of its own, wait for the drain, then move)`,
      ),
    );
  });
}

// Relations of an SBC rollout and of drained slots to the sites (S5). What one config can say is checked
// here; what needs two (that a step moves at most one slot per site, that a slot moved in this step was
// drained) is the plan diff's check (tools/plan/sbcSteps.ts), since `slots` alone cannot tell an old move
// from a new one.
import { NetworkConfig } from "./schema";

interface Issue {
  readonly path: (string | number)[];
  readonly message: string;
}

type SlotsBySite = Record<string, readonly number[]>;

/** Unknown sites, slots beyond pools.sbc.count and repeated slots of a per-site slot list. */
function slotListIssues(c: NetworkConfig, key: (string | number)[], bySite: SlotsBySite): Issue[] {
  return Object.entries(bySite).flatMap(([site, slots]) => {
    const path = [...key, site];
    const config = c.sites.find((s) => s.name === site);
    if (config?.kind !== "aws") return [{ path, message: `"${site}" is not an AWS site with SBCs` }];
    const count = config.pools.sbc.count;
    return [
      ...slots
        .filter((slot) => slot > count)
        .map((slot) => ({ path, message: `slot ${slot} does not exist: ${site} has ${count} SBCs` })),
      ...slots
        .filter((slot, i) => slots.indexOf(slot) !== i)
        .map((slot) => ({ path, message: `slot ${slot} is listed twice` })),
    ];
  });
}

export function rolloutRelations(c: NetworkConfig): Issue[] {
  const { rollout, drained } = c.voice;
  const issues: Issue[] = [...slotListIssues(c, ["voice", "drained"], drained)];
  // One SBC out of service per site at a time: the others carry its calls (and the capacity figure's loss).
  Object.entries(drained)
    .filter(([, slots]) => slots.length > 1)
    .forEach(([site, slots]) =>
      issues.push({
        path: ["voice", "drained", site],
        message: `${slots.length} slots of ${site} are drained (${slots.join(", ")}): drain one slot per site at a time`,
      }),
    );
  if (!rollout) return issues;
  issues.push(...slotListIssues(c, ["voice", "rollout", "slots"], rollout.slots));
  issues.push(
    ...slotListIssues(
      c,
      ["voice", "rollout", "moving"],
      Object.fromEntries(Object.entries(rollout.moving).map(([site, slot]) => [site, [slot]])),
    ),
  );
  Object.entries(rollout.moving).forEach(([site, slot]) => {
    const path = ["voice", "rollout", "moving", site];
    if ((rollout.slots[site] ?? []).includes(slot))
      issues.push({ path, message: `slot ${slot} of ${site} has already moved (voice.rollout.slots.${site})` });
    if (!(drained[site] ?? []).includes(slot))
      issues.push({
        path,
        message: `slot ${slot} of ${site} is replaced in this step but is not drained: first add it to voice.drained.${site} and wait for the drain script to report it drained`,
      });
  });
  if (rollout.rhel !== undefined) {
    const release = c.rhel.find((r) => r.name === rollout.rhel);
    if (!release) {
      issues.push({
        path: ["voice", "rollout", "rhel"],
        message: `"${rollout.rhel}" is not a validated release in rhel (${c.rhel.map((r) => r.name).join(", ")})`,
      });
    } else {
      const regions = new Set(
        c.sites.flatMap((s) =>
          s.kind === "aws" && s.name in { ...rollout.slots, ...rollout.moving } ? [s.region] : [],
        ),
      );
      [...regions]
        .filter((region) => release.amiIds?.[region] === undefined)
        .forEach((region) =>
          issues.push({
            path: ["voice", "rollout", "rhel"],
            message: `release "${release.name}" has no image id for ${region}, where the rollout moves SBCs: run \`npm run pin-images -- --stack <stack>\``,
          }),
        );
    }
  }
  return issues;
}

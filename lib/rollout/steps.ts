// The reviewed sequence of an SBC rollout (S5), as the config of each step: per slot number, every site
// drains that slot, then moves it while drained, then undrains it; last, the new release becomes the base
// and the rollout is removed. Operates on the raw project config (the stack file's values), so each step
// is what a person would commit. docs/ARCHITECTURE.md, "Replacing an SBC".

/** The new release: an image (a validated `rhel` name), packages, or both. */
export interface NewSbcRelease {
  readonly rhel?: string;
  readonly packages?: { readonly kamailio: string; readonly rtpengine: string };
}

export interface RolloutStep {
  /** e.g. "drain slot 1", "move slot 1", "undrain slot 1", "promote". */
  readonly name: string;
  readonly raw: Record<string, any>;
}

type Raw = Record<string, any>;

const copy = (raw: Raw): Raw => JSON.parse(JSON.stringify(raw));
const awsSites = (raw: Raw): Raw[] => (raw.sites as Raw[]).filter((s) => s.kind === "aws");

/** Every step of rolling `release` out from `base` (a config without a rollout), in order. */
export function rolloutSteps(base: Raw, release: NewSbcRelease): RolloutStep[] {
  if (base.voice?.rollout) throw new Error("rolloutSteps starts from a config without voice.rollout");
  const sites = awsSites(base);
  const slots = Math.max(...sites.map((s) => s.pools.sbc.count as number));
  const steps: RolloutStep[] = [];
  const moved: Record<string, number[]> = {};
  const rollout = (moving: Record<string, number>) => ({
    ...(release.rhel ? { rhel: release.rhel } : {}),
    ...(release.packages ? { packages: release.packages } : {}),
    slots: copy(moved),
    moving,
  });
  const step = (name: string, moving: Record<string, number> | undefined, drained: Record<string, number[]>) => {
    const raw = copy(base);
    if (moving !== undefined) raw.voice.rollout = rollout(moving);
    raw.voice.drained = drained;
    steps.push({ name, raw });
  };
  for (let slot = 1; slot <= slots; slot++) {
    const here = sites.filter((s) => s.pools.sbc.count >= slot).map((s) => s.name as string);
    const drained = Object.fromEntries(here.map((site) => [site, [slot]]));
    const moving = Object.fromEntries(here.map((site) => [site, slot]));
    const hasRollout = Object.keys(moved).length > 0 ? {} : undefined;
    step(`drain slot ${slot}`, hasRollout, drained);
    step(`move slot ${slot}`, moving, drained);
    here.forEach((site) => (moved[site] = [...(moved[site] ?? []), slot]));
    step(`undrain slot ${slot}`, {}, {});
  }
  const promoted = copy(base);
  awsSites(promoted).forEach((s) => {
    if (release.rhel) s.pools.sbc.rhel = release.rhel;
  });
  if (release.packages) promoted.voice.packages = release.packages;
  promoted.voice.drained = {};
  steps.push({ name: "promote", raw: promoted });
  return steps;
}

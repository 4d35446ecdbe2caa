// Which release each SBC slot runs, and whether it is drained (S5): a pure function of the config, read by
// the SBC pool (the slot's image), the configuration delivery (the slot's packages) and the renderer (drain).
import type { AwsSiteConfig, NetworkConfig } from "../../config/schema";

export interface SbcPackages {
  readonly kamailio: string;
  readonly rtpengine: string;
}

/** One SBC slot's release and state. */
export interface SbcSlotRelease {
  /** 1-based, as config and the `sbc-slot` tag count. */
  readonly slot: number;
  /** The validated RHEL release (name in `rhel`) the slot's instance boots. */
  readonly rhel: string;
  readonly packages: SbcPackages;
  /** On the rollout's release (moved earlier, or moving in this step). */
  readonly moved: boolean;
  /** Replaced in this step (voice.rollout.moving). */
  readonly moving: boolean;
  /** In drain mode: takes no new calls (voice.drained). */
  readonly drained: boolean;
}

type RolloutConfig = Pick<NetworkConfig, "voice">;

/** Every slot of one AWS site: moved slots run the rollout's release, the others the site's base release. */
export function sbcSlotReleases(config: RolloutConfig, site: AwsSiteConfig): SbcSlotRelease[] {
  const { rollout, drained, packages } = config.voice;
  const movedSlots = rollout?.slots[site.name] ?? [];
  const moving = rollout?.moving[site.name];
  const drainedSlots = drained[site.name] ?? [];
  return Array.from({ length: site.pools.sbc.count }, (_, i) => {
    const slot = i + 1;
    const moved = rollout !== undefined && (movedSlots.includes(slot) || moving === slot);
    return {
      slot,
      rhel: moved ? (rollout.rhel ?? site.pools.sbc.rhel) : site.pools.sbc.rhel,
      packages: moved ? (rollout.packages ?? packages) : packages,
      moved,
      moving: moving === slot,
      drained: drainedSlots.includes(slot),
    };
  });
}

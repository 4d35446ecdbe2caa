import { AwsSiteConfig, NetworkConfig } from "../../config";
import { CORE_HOST_PLACEHOLDER, sbcDeliveryDocument, sbcDrainDocument, sbcVoiceInput } from "../voice";
import { SbcPackageSet } from "./sbcConfigDelivery";

type VoiceConfig = Pick<NetworkConfig, "environment" | "voice" | "carriers" | "customers" | "ports">;

/** One rendering of a site's SBC configuration and the slots (1-based) that receive it. */
export interface SbcRendering {
  /** Suffix of its document's name: "" for the site's rendering, "-drained-<slot>" for a drained slot's. */
  readonly suffix: string;
  readonly content: string;
  readonly slots: number[];
}

/**
 * A site's Command documents, one per distinct rendering: the undrained slots share the site's, and each
 * slot that voice.drained lists gets its own (drain mode from start, its slot in the drain state metric).
 * Pure functions of the config, so a preview shows them whole; the core's SIP balancer name is a
 * parameter of the run (the association's), written over its placeholder on the host.
 */
export function sbcConfigRenderings(config: VoiceConfig, site: AwsSiteConfig): SbcRendering[] {
  const limit = config.voice.drainLimitMinutes;
  const slots = Array.from({ length: site.pools.sbc.count }, (_, i) => i + 1);
  const drained = new Set(config.voice.drained[site.name] ?? []);
  const undrained = slots.filter((s) => !drained.has(s));
  const render = (slot?: number) =>
    sbcDeliveryDocument(sbcVoiceInput(config, site, CORE_HOST_PLACEHOLDER, undefined, slot), limit);
  return [
    ...(undrained.length > 0 ? [{ suffix: "", content: render(), slots: undrained }] : []),
    ...slots
      .filter((s) => drained.has(s))
      .map((slot) => ({ suffix: `-drained-${slot}`, content: render(slot), slots: [slot] })),
  ];
}

/** The site's rendering for its undrained slots (what every slot gets when none is drained). */
export function sbcConfigDocument(config: VoiceConfig, site: AwsSiteConfig): string {
  return sbcDeliveryDocument(sbcVoiceInput(config, site, CORE_HOST_PLACEHOLDER), config.voice.drainLimitMinutes);
}

/** The site's drain command (components/voice/delivery.ts). */
export const sbcDrainCommand = (config: VoiceConfig, site: AwsSiteConfig): string =>
  sbcDrainDocument(site.name, config.environment, config.voice.drainLimitMinutes);

/**
 * Per SBC slot (0-based index): the rollout's packages for the slots it has moved or is moving (as
 * lib/rollout/sbcSlots.ts decides a slot's release), voice.packages elsewhere.
 */
export function sbcPackagesBySlot(voice: NetworkConfig["voice"], site: string, count: number): SbcPackageSet[] {
  const rollout = voice.rollout;
  const moved = new Set([...(rollout?.slots[site] ?? []), ...(rollout?.moving[site] ? [rollout.moving[site]] : [])]);
  return Array.from({ length: count }, (_, i) =>
    moved.has(i + 1) && rollout ? (rollout.packages ?? voice.packages) : voice.packages,
  );
}

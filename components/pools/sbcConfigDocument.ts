import { AwsSiteConfig, NetworkConfig } from "../../config";
import { CORE_HOST_PLACEHOLDER, sbcDeliveryDocument, sbcVoiceInput } from "../voice";
import { SbcPackageSet } from "./sbcConfigDelivery";

type VoiceConfig = Pick<NetworkConfig, "environment" | "voice" | "carriers" | "customers" | "ports">;

/**
 * A site's Command document: a pure function of the config, so a preview shows it whole. The core's
 * SIP balancer name is a parameter of the run (the association's), written over its placeholder on the host.
 */
export function sbcConfigDocument(config: VoiceConfig, site: AwsSiteConfig): string {
  return sbcDeliveryDocument(sbcVoiceInput(config, site, CORE_HOST_PLACEHOLDER));
}

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

import * as pulumi from "@pulumi/pulumi";
import { AwsSiteConfig, NetworkConfig } from "../../config";
import { sbcDeliveryDocument, sbcVoiceInput } from "../voice";
import { SbcPackageSet } from "./sbcConfigDelivery";

/** The longest DNS name there is (RFC 1035): the size check holds whatever name the balancer gets. */
const LONGEST_HOST_NAME = `${"h".repeat(63)}.${"h".repeat(63)}.${"h".repeat(63)}.${"h".repeat(61)}`;

type VoiceConfig = Pick<NetworkConfig, "environment" | "voice" | "carriers" | "customers" | "ports">;

/**
 * A site's Command document, with the core reached by the SIP balancer's DNS name. Checked against
 * SSM's size limit here, while the program runs (a preview does not know the balancer's name yet).
 */
export function sbcConfigDocument(
  config: VoiceConfig,
  site: AwsSiteConfig,
  coreHost: pulumi.Input<string>,
): pulumi.Output<string> {
  sbcDeliveryDocument(sbcVoiceInput(config, site, LONGEST_HOST_NAME));
  return pulumi.output(coreHost).apply((host) => sbcDeliveryDocument(sbcVoiceInput(config, site, host)));
}

/** Per SBC slot (0-based index): voice.rollout's packages for the slots it lists, voice.packages elsewhere. */
export function sbcPackagesBySlot(voice: NetworkConfig["voice"], site: string, count: number): SbcPackageSet[] {
  const moved = new Set(voice.rollout?.slots[site] ?? []);
  return Array.from({ length: count }, (_, i) =>
    moved.has(i + 1) && voice.rollout ? voice.rollout.packages : voice.packages,
  );
}

// Dispatcher set ids and destination URIs, shared by the list file and the routing script.
import { CARRIER_SET_BASE, SbcCarrier } from "./input";

/** The carrier's dispatcher set. */
export function carrierSet(carriers: readonly SbcCarrier[], name: string): number {
  const index = carriers.findIndex((c) => c.name === name);
  if (index < 0) throw new Error(`route names carrier "${name}", which is not configured`);
  return CARRIER_SET_BASE + index;
}

/** A dispatcher destination URI; the same string in the list file and in ds_is_active. */
export const gatewayUri = (gateway: string): string => `sip:${gateway}`;

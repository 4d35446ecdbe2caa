import { createHash } from "crypto";

export const MOCK_ACCOUNT_ID = "123456789012";

/** Deterministic hex from a seed, so the same program always gets the same ids. */
export function hexFrom(seed: string, length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`${seed}#${i}`).digest("hex");
  return out.slice(0, length);
}

/** A stable number in [0, modulo) from a seed. */
export function numberFrom(seed: string, modulo: number): number {
  return parseInt(hexFrom(seed, 8), 16) % modulo;
}

/** An address from the RFC 5737 documentation ranges: what the mocks hand out as public IPs. */
export function documentationIp(seed: string): string {
  const ranges = ["192.0.2", "198.51.100", "203.0.113"];
  return `${ranges[numberFrom(seed + "range", 3)]}.${1 + numberFrom(seed, 254)}`;
}

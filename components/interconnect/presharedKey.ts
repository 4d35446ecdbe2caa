// Pre-shared keys for VPN tunnels that AWS always accepts: 8-64 characters of [A-Za-z0-9._], never
// starting with 0. The random body may start with anything, so a fixed letter goes in front.
import * as random from "@pulumi/random";

/** Fixed first character: a letter, so the key can never start with 0 (or with . or _). */
export const PRESHARED_KEY_PREFIX = "K";

/** Inputs of the random body: 47 characters from letters, digits, '.' and '_' (48 with the prefix). */
export const PRESHARED_KEY_BODY: random.RandomPasswordArgs = {
  length: 47,
  upper: true,
  lower: true,
  numeric: true,
  special: true,
  overrideSpecial: "._",
  minUpper: 4,
  minLower: 4,
  minNumeric: 4,
};

/** The tunnel key from the random body. */
export function presharedKeyFrom(body: string): string {
  return `${PRESHARED_KEY_PREFIX}${body}`;
}

/** AWS's rule for tunnel pre-shared keys. */
export function isValidPresharedKey(key: string): boolean {
  return /^[A-Za-z0-9._]{8,64}$/.test(key) && !key.startsWith("0");
}

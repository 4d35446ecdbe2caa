import { CONFIG_KEYS } from "./schema";

/**
 * Collects the project's config keys into one raw object for validation. Structured config reaches
 * a program as JSON text; plain strings stay strings.
 */
export function rawConfig(get: (key: string) => string | undefined): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const text = get(key);
    if (text === undefined) continue;
    try {
      raw[key] = JSON.parse(text);
    } catch {
      raw[key] = text;
    }
  }
  return raw;
}

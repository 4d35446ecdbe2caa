// Stack documents for tests: the real stack files, cloned so each test can break one thing.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { CONFIG_NAMESPACE, ConfigError, NetworkConfig, validateConfig } from "../../config";
import { rawProjectConfig, flattenStackConfig } from "../../tools/stackConfig";
import { ROOT } from "./program";

/** The parsed YAML of Pulumi.<stack>.yaml (an environment's or a part stack's), a fresh copy each call. */
export function stackDocument(stack: string): { config: Record<string, any> } {
  return parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8"));
}

/** The project's raw config object (unvalidated) of a stack, a fresh copy each call. */
export function rawStackConfig(stack: "prod" | "staging"): Record<string, any> {
  return rawProjectConfig(flattenStackConfig(stack, stackDocument(stack)).values);
}

/** The validated config of a stack. */
export function stackConfig(stack: "prod" | "staging"): NetworkConfig {
  return validateConfig(rawStackConfig(stack));
}

/** A stack document whose project config is `raw` (for whole-program runs of a modified config). */
export function documentFromRaw(
  stack: "prod" | "staging",
  raw: Record<string, unknown>,
): { config: Record<string, unknown> } {
  const base = stackDocument(stack);
  const providerKeys = Object.fromEntries(
    Object.entries(base.config).filter(([k]) => !k.startsWith(`${CONFIG_NAMESPACE}:`)),
  );
  return {
    config: {
      ...providerKeys,
      ...Object.fromEntries(Object.entries(raw).map(([k, v]) => [`${CONFIG_NAMESPACE}:${k}`, v])),
    },
  };
}

/** The exact list of validation messages of a config, one per line of the ConfigError ([] when accepted). */
export function issuesOf(raw: Record<string, any>): string[] {
  try {
    validateConfig(raw);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message
      .split("\n")
      .slice(1)
      .map((l) => l.trim());
  }
}

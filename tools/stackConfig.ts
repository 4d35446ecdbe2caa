// Reads Pulumi.<stack>.yaml into the flat config map the engine hands a program.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { CONFIG_NAMESPACE, rawConfig } from "../config";

export const PROJECT_ROOT = path.resolve(__dirname, "..");
export const PROJECT_NAME = CONFIG_NAMESPACE;

export interface StackConfig {
  readonly stack: string;
  /** `namespace:key` -> value as the engine passes it (structured values as JSON text). */
  readonly values: Record<string, string>;
  /** Keys whose value is a `secure:` ciphertext (cannot be decrypted offline). */
  readonly secretKeys: string[];
}

export function stackFile(stack: string, root = PROJECT_ROOT): string {
  return path.join(root, `Pulumi.${stack}.yaml`);
}

/** Flattens a parsed stack file's `config:` block. Secure values become a placeholder marked secret. */
export function flattenStackConfig(stack: string, document: unknown): StackConfig {
  const config = (document as { config?: Record<string, unknown> } | null)?.config ?? {};
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    const fullKey = key.includes(":") ? key : `${CONFIG_NAMESPACE}:${key}`;
    if (value && typeof value === "object" && "secure" in value) {
      values[fullKey] = "offline-placeholder-for-secure-value";
      secretKeys.push(fullKey);
    } else {
      values[fullKey] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return { stack, values, secretKeys };
}

export function readStackConfig(stack: string, root = PROJECT_ROOT): StackConfig {
  const file = stackFile(stack, root);
  if (!fs.existsSync(file)) throw new Error(`no stack file ${path.basename(file)} in ${root}`);
  return flattenStackConfig(stack, parse(fs.readFileSync(file, "utf8")));
}

/** The raw object config validation sees: the project's keys, JSON-decoded. */
export function rawProjectConfig(values: Record<string, string>): Record<string, unknown> {
  return rawConfig((key) => values[`${CONFIG_NAMESPACE}:${key}`]);
}

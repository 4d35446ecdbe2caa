// Reads Pulumi.<stack>.yaml into the flat config map the engine hands a program.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { CONFIG_NAMESPACE, rawConfig } from "../config";
import {
  STACK_KEYS,
  environmentFile,
  environmentStackOf,
  flattenConfigBlock,
  mergeEnvironment,
  readEnvironmentFile,
} from "../config/environment";

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
  return { stack, ...flattenConfigBlock(document) };
}

/**
 * A stack file's config as the program builds from it: a part stack's file merged with its
 * environment's (config/environment.ts, as the program does when the CLI runs it), and passed
 * without the environment's name (the program then takes its identity from the stack name).
 */
export function readStackConfig(stack: string, root = PROJECT_ROOT): StackConfig {
  const file = stackFile(stack, root);
  if (!fs.existsSync(file)) throw new Error(`no stack file ${path.basename(file)} in ${root}`);
  const own = flattenStackConfig(stack, parse(fs.readFileSync(file, "utf8")));
  const environmentStack = environmentStackOf(own.values);
  if (environmentStack === undefined) return own;
  const merged = mergeEnvironment(
    own,
    readEnvironmentFile(root, environmentStack),
    path.basename(environmentFile(root, environmentStack)),
  );
  const values = { ...merged.values };
  delete values[`${CONFIG_NAMESPACE}:${STACK_KEYS.environmentStack}`];
  return { stack, values, secretKeys: merged.secretKeys };
}

/** The raw object config validation sees: the project's keys, JSON-decoded. */
export function rawProjectConfig(values: Record<string, string>): Record<string, unknown> {
  return rawConfig((key) => values[`${CONFIG_NAMESPACE}:${key}`]);
}

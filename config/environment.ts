// Which stack of an environment a program run is, and the environment's config it builds from.
// The network is defined once per environment, in `Pulumi.<environment stack>.yaml`; a part stack's own
// file (`Pulumi.<environment stack>-<part>.yaml`) names only the environment and its part, plus the
// engine's and providers' own keys. Both the program (reading the file next to Pulumi.yaml, as the
// real CLI runs it) and the offline tools merge them with `mergeEnvironment`.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { CONFIG_NAMESPACE, ConfigError } from "./validate";

/** Keys of a part stack's own file that say which stack it is. */
export const STACK_KEYS = { environmentStack: "environmentStack", part: "part" } as const;

const NAME = /^[A-Za-z0-9_.-]+$/;

/** A ConfigError about one key of a stack's identity or its environment. */
export function stackConfigError(key: string, message: string): ConfigError {
  return new ConfigError([{ path: [key], message }]);
}

/** The flat config map of one stack file's `config:` block (`namespace:key` -> text), secure keys apart. */
export interface FlatConfig {
  readonly values: Record<string, string>;
  readonly secretKeys: string[];
}

/** Flattens a parsed stack file's `config:` block. Secure values become a placeholder marked secret. */
export function flattenConfigBlock(document: unknown): FlatConfig {
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
  return { values, secretKeys };
}

const projectKey = (key: string) => `${CONFIG_NAMESPACE}:${key}`;

/** The environment stack a part stack's config names, or undefined for the environment's own stack. */
export function environmentStackOf(values: Record<string, string>): string | undefined {
  const name = values[projectKey(STACK_KEYS.environmentStack)];
  if (name !== undefined && !NAME.test(name))
    throw stackConfigError(STACK_KEYS.environmentStack, `"${name}" is not a stack name`);
  return name;
}

/**
 * A part stack's config merged with its environment's: the environment's project keys (the network),
 * then the part file's own keys (which stack it is, engine and provider keys, which win). A part file
 * that carries any other project key is refused: that key belongs in the environment's file, once.
 */
export function mergeEnvironment(part: FlatConfig, environment: FlatConfig, environmentFile: string): FlatConfig {
  const own = Object.keys(part.values).filter(
    (k) => k.startsWith(`${CONFIG_NAMESPACE}:`) && !Object.values(STACK_KEYS).some((s) => k === projectKey(s)),
  );
  if (own.length > 0)
    throw stackConfigError(
      own[0].slice(CONFIG_NAMESPACE.length + 1),
      `${own.join(", ")}: a part stack's file names only its ${STACK_KEYS.environmentStack} and ${STACK_KEYS.part}; the network is defined in ${environmentFile}`,
    );
  const inEnvironment = (k: string) => k.startsWith(`${CONFIG_NAMESPACE}:`);
  const secret = environment.secretKeys.filter(inEnvironment);
  if (secret.length > 0)
    throw stackConfigError(
      secret[0].slice(CONFIG_NAMESPACE.length + 1),
      `${environmentFile} holds a secret a part stack cannot decrypt (each stack has its own key): keep project secrets out of the environment's file`,
    );
  const environmentValues = Object.fromEntries(Object.entries(environment.values).filter(([k]) => inEnvironment(k)));
  return {
    values: { ...environmentValues, ...part.values },
    secretKeys: part.secretKeys,
  };
}

/** Path of an environment's file in a project directory. */
export function environmentFile(root: string, environmentStack: string): string {
  return path.join(root, `Pulumi.${environmentStack}.yaml`);
}

/** Reads and flattens an environment's file (the network's definition). */
export function readEnvironmentFile(root: string, environmentStack: string): FlatConfig {
  const file = environmentFile(root, environmentStack);
  if (!fs.existsSync(file))
    throw stackConfigError(STACK_KEYS.environmentStack, `no environment file ${path.basename(file)} in ${root}`);
  const flat = flattenConfigBlock(parse(fs.readFileSync(file, "utf8")));
  if (environmentStackOf(flat.values) !== undefined)
    throw stackConfigError(
      STACK_KEYS.environmentStack,
      `${path.basename(file)} names one: an environment's file cannot be a part stack's`,
    );
  return flat;
}

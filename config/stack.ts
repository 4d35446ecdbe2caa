// Which stack of its environment this program run is (lib/stacks/layout.ts), and the config it sees.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { StackPart } from "../lib/stacks/layout";
import { partName } from "../lib/stacks/layout";
import { awsSitesOf } from "../lib/model/sites";
import {
  STACK_KEYS,
  environmentFile,
  stackConfigError,
  environmentStackOf,
  mergeEnvironment,
  readEnvironmentFile,
} from "./environment";
import { rawConfig } from "./raw";
import { NetworkConfig } from "./schema";
import { CONFIG_NAMESPACE, ConfigError, validateConfig } from "./validate";

/** The project directory: where Pulumi.yaml and the environments' files live (the CLI runs the program there). */
const PROJECT_DIR = path.resolve(__dirname, "..");

export interface StackIdentity {
  /** The environment's own stack (its file defines the network). */
  readonly environmentStack: string;
  readonly part: StackPart;
}

/** The part a config names: absent is the environment's shared stack; otherwise dns, mesh-<site> or an AWS site. */
export function partOf(text: string | undefined, config: Pick<NetworkConfig, "sites">): StackPart {
  if (text === undefined) return { kind: "shared" };
  if (text === "dns") return { kind: text };
  const sites = awsSitesOf(config).map((s) => s.name);
  const meshOf = /^mesh-(.+)$/.exec(text)?.[1];
  if (meshOf !== undefined && sites.indexOf(meshOf) > 0) return { kind: "mesh", site: meshOf };
  if (!sites.includes(text))
    throw stackConfigError(
      STACK_KEYS.part,
      `"${text}" is none of dns, ${[...sites.slice(1).map((s) => `mesh-${s}`), ...sites].join(", ")} (the environment's parts)`,
    );
  return { kind: "site", site: text };
}

/**
 * The flat config a stack's program builds from. A part stack as deployed names its environment
 * (`environmentStack`) and the program reads that environment's file beside Pulumi.yaml; the offline
 * tools merge the same way before the run (tools/stackConfig.ts) and pass the result without the name.
 */
export function stackValues(values: Record<string, string>, root = PROJECT_DIR): Record<string, string> {
  const environmentStack = environmentStackOf(values);
  if (environmentStack === undefined) return values;
  const file = path.basename(environmentFile(root, environmentStack));
  const merged = mergeEnvironment({ values, secretKeys: [] }, readEnvironmentFile(root, environmentStack), file);
  return merged.values;
}

/** This run's identity: the environment stack is named by the part file, or is the running stack minus `-<part>`. */
export function identityOf(values: Record<string, string>, stack: string, config: NetworkConfig): StackIdentity {
  const part = partOf(values[`${CONFIG_NAMESPACE}:${STACK_KEYS.part}`], config);
  const named = environmentStackOf(values);
  const suffix = part.kind === "shared" ? "" : `-${partName(part)}`;
  const environmentStack = named ?? stack.slice(0, stack.length - suffix.length);
  if (`${environmentStack}${suffix}` !== stack)
    throw stackConfigError(
      STACK_KEYS.part,
      `stack ${stack} is configured as part "${suffix.slice(1) || "shared"}" of ${environmentStack}, whose stack is named ${environmentStack}${suffix}`,
    );
  return { environmentStack, part };
}

/** Reads, merges and validates the stack's config; a bad config stops the program with its message. */
export function loadStack(): { config: NetworkConfig; identity: StackIdentity } {
  try {
    const own = pulumi.runtime.allConfig();
    const values = stackValues(own);
    const config = validateConfig(rawConfig((key) => values[`${CONFIG_NAMESPACE}:${key}`]));
    return { config, identity: identityOf(own, pulumi.getStack(), config) };
  } catch (err) {
    if (err instanceof ConfigError) throw new pulumi.RunError(err.message);
    throw err;
  }
}

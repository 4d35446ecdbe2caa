import * as pulumi from "@pulumi/pulumi";
import { rawConfig } from "./raw";
import { NetworkConfig } from "./schema";
import { CONFIG_NAMESPACE, ConfigError, validateConfig } from "./validate";

/**
 * Reads every key of the `callmyway-network:` namespace into one object and validates it.
 * Runs before any resource is registered: a bad config stops the program with a RunError (the
 * CLI prints its message without a stack trace) that names each key and what was expected.
 */
export function loadConfig(): NetworkConfig {
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  try {
    return validateConfig(rawConfig((key) => config.get(key)));
  } catch (err) {
    if (err instanceof ConfigError) throw new pulumi.RunError(err.message);
    throw err;
  }
}

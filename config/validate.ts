import { ConfigIssue, RELATION_CHECKS } from "./relations";
import { NetworkConfig, networkConfigSchema } from "./schema";
import { recentResults } from "../lib/recent";

export const CONFIG_NAMESPACE = "callmyway-network";

/** A stack config that cannot be built. Its message lists every problem with its key path. */
export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super("Invalid stack config:\n" + issues.map((i) => `  - ${formatPath(i.path)}: ${i.message}`).join("\n"));
    this.name = "ConfigError";
  }
}

/** `callmyway-network:sites[1].pools.web.min` */
export function formatPath(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path;
  const key = `${CONFIG_NAMESPACE}:${head === undefined ? "" : String(head)}`;
  return rest.reduce<string>(
    (acc, part) => (typeof part === "number" ? `${acc}[${part}]` : `${acc}.${String(part)}`),
    key,
  );
}

/**
 * Validates the raw stack config (shape first, then relations) or throws a ConfigError. Each caller
 * gets its own copy of the result; a config validated before in this process is not validated again
 * (lib/recent.ts: an environment's runs validate the same config once per stack and run).
 */
export const validateConfig: (raw: unknown) => NetworkConfig = recentResults(validateAnew, { size: 8, copies: true });

function validateAnew(raw: unknown): NetworkConfig {
  const parsed = networkConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        path: issue.path as (string | number)[],
        message:
          issue.code === "unrecognized_keys"
            ? `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(", ")} (a typo?)`
            : issue.message.replace(/^Invalid input: /, ""),
      })),
    );
  }
  const issues = RELATION_CHECKS.flatMap((check) => check(parsed.data));
  if (issues.length > 0) throw new ConfigError(issues);
  return parsed.data;
}

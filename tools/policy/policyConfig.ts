// Policy pack config: the file `pulumi preview --policy-pack-config` reads, how a rule's values are
// resolved from it (schema defaults, then the file), and how it is generated from a stack's config.
import type { EnforcementLevel, PolicyConfigSchema } from "../../policies/lib/types";
import type { Rule } from "../../policies/lib/rule";

export type RuleConfigEntry = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);
/** policy name -> level, or { enforcementLevel?, ...values }. */
export type PolicyConfigFile = Record<string, RuleConfigEntry>;

export class PolicyConfigError extends Error {}

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

function typeMatches(value: unknown, type: string): boolean {
  switch (type) {
    case "array":
      return Array.isArray(value);
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "null":
      return value === null;
    default:
      return typeof value === type;
  }
}

function checkValues(ruleName: string, schema: PolicyConfigSchema | undefined, values: Record<string, unknown>): void {
  const properties = schema?.properties ?? {};
  for (const [key, value] of Object.entries(values)) {
    const property = properties[key];
    if (!property)
      throw new PolicyConfigError(
        `policy config for ${ruleName}: unknown key "${key}" (expected one of: ${Object.keys(properties).join(", ") || "none"})`,
      );
    const types = property.type === undefined ? [] : ([] as string[]).concat(property.type);
    if (types.length > 0 && !types.some((t) => typeMatches(value, t))) {
      throw new PolicyConfigError(
        `policy config for ${ruleName}: "${key}" must be ${types.join(" or ")}, got ${JSON.stringify(value)}`,
      );
    }
  }
  for (const key of schema?.required ?? []) {
    if (values[key] === undefined) throw new PolicyConfigError(`policy config for ${ruleName}: "${key}" is required`);
  }
}

/** A rule's enforcement level and config values: schema defaults overridden by the config file. */
export function resolveRuleConfig(
  rule: Rule,
  config: PolicyConfigFile,
  packLevel: EnforcementLevel,
): { enforcementLevel: EnforcementLevel; values: Record<string, unknown> } {
  const entry = config[rule.name];
  const { enforcementLevel: given, ...rest } =
    typeof entry === "object" && entry !== null ? entry : { enforcementLevel: entry };
  if (given !== undefined && !LEVELS.includes(given))
    throw new PolicyConfigError(
      `policy config for ${rule.name}: enforcement level "${String(given)}" is not one of ${LEVELS.join(", ")}`,
    );
  const defaults = Object.fromEntries(
    Object.entries(rule.configSchema?.properties ?? {})
      .filter(([, p]) => p.default !== undefined)
      .map(([k, p]) => [k, p.default]),
  );
  const values = { ...defaults, ...rest };
  checkValues(rule.name, rule.configSchema, values);
  return { enforcementLevel: given ?? rule.enforcementLevel ?? packLevel, values };
}

/** Refuses config for policies the pack does not have (a typo would silently use the defaults). */
export function checkPolicyNames(config: PolicyConfigFile, rules: readonly Rule[]): void {
  const names = new Set(rules.map((r) => r.name));
  const unknown = Object.keys(config).filter((k) => k !== "all" && !names.has(k));
  if (unknown.length > 0) throw new PolicyConfigError(`policy config names unknown policies: ${unknown.join(", ")}`);
}

export function parsePolicyConfig(text: string, source: string): PolicyConfigFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new PolicyConfigError(`${source} is not JSON: ${(err as Error).message}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data))
    throw new PolicyConfigError(`${source}: expected an object of policy name -> config`);
  return data as PolicyConfigFile;
}

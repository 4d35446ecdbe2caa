// The shape every rule module exports, and the metadata conventions of this pack.
import type { PolicyComplianceFramework, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { INTERNET_FACING_TIERS, PRIVATE_TIERS, TIERS as KNOWN_TIERS } from "./vocabulary";

export type Rule = ResourceValidationPolicy | StackValidationPolicy;

export function isStackRule(rule: Rule): rule is StackValidationPolicy {
  return typeof (rule as StackValidationPolicy).validateStack === "function";
}

export const CIS = (reference: string, specification: string): PolicyComplianceFramework => ({
  name: "CIS Amazon Web Services Foundations Benchmark",
  version: "3.0.0",
  reference,
  specification,
});

export const FSBP = (reference: string, specification: string): PolicyComplianceFramework => ({
  name: "AWS Foundational Security Best Practices",
  version: "1.0.0",
  reference,
  specification,
});

export const CHECKOV = (reference: string, specification: string): PolicyComplianceFramework => ({
  name: "checkov",
  version: "3",
  reference,
  specification,
});

/** Tiers that may face the internet, and tiers that never may (lib/vocabulary.ts). */
export const DEFAULT_INTERNET_FACING_TIERS: string[] = [...INTERNET_FACING_TIERS];
export const DEFAULT_PRIVATE_TIERS: string[] = [...PRIVATE_TIERS];
export const TIERS: string[] = [...KNOWN_TIERS];

export const tierListSchema = (description: string, defaults: string[]) => ({
  type: "array" as const,
  items: { type: "string" as const, enum: TIERS },
  default: defaults,
  description,
});

/** The pack's default level (each rule also names its own). */
export const PACK_ENFORCEMENT_LEVEL = "mandatory" as const;

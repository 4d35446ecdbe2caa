// The @pulumi/policy types the root project (offline engine, tests) uses, re-exported from here so they
// resolve from policies/node_modules: type-only, nothing of @pulumi/policy is loaded at run time.
export type {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
} from "@pulumi/policy";

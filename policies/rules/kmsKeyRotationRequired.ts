import type { ResourceValidationPolicy } from "@pulumi/policy";
import { CIS } from "../lib/rule";
import { known, UNKNOWN } from "../lib/values";

/** Customer-managed symmetric keys rotate yearly (asymmetric and HMAC keys cannot). */
export const kmsKeyRotationRequired: ResourceValidationPolicy = {
  name: "kms-key-rotation-required",
  description: "Symmetric customer-managed KMS keys set enableKeyRotation.",
  enforcementLevel: "mandatory",
  severity: "medium",
  framework: CIS("3.6", "Ensure rotation for customer-created symmetric CMKs is enabled"),
  tags: ["encryption", "cis:3.6", "fsbp:KMS.4", "checkov:CKV_AWS_7"],
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:kms/key:Key") return;
    const spec = known(() => args.props.customerMasterKeySpec);
    if (spec !== undefined && spec !== "SYMMETRIC_DEFAULT")
      args.notApplicable(`key spec ${String(spec === UNKNOWN ? "unknown" : spec)} cannot rotate`);
    const rotation = known(() => args.props.enableKeyRotation);
    if (rotation !== true && rotation !== UNKNOWN) reportViolation(`${args.name}: enableKeyRotation is not true`);
  },
};

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { CHECKOV } from "../lib/rule";
import { known, UNKNOWN } from "../lib/values";

const HOSTS = ["aws:ec2/instance:Instance", "aws:ec2/launchTemplate:LaunchTemplate"];

/** Instances answer metadata requests only with a session token (IMDSv2), or not at all. */
export const imdsV2Required: ResourceValidationPolicy = {
  name: "imdsv2-required",
  description:
    'Instances and launch templates set metadataOptions.httpTokens to "required" (or disable the metadata endpoint).',
  enforcementLevel: "mandatory",
  severity: "high",
  framework: CHECKOV("CKV_AWS_79", "Ensure Instance Metadata Service Version 1 is not enabled"),
  tags: ["hardening", "fsbp:EC2.8", "fsbp:EC2.170", "checkov:CKV_AWS_79"],
  validateResource: (args, reportViolation) => {
    if (!HOSTS.includes(args.type)) return;
    const tokens = known(() => args.props.metadataOptions?.httpTokens);
    const endpoint = known(() => args.props.metadataOptions?.httpEndpoint);
    if (tokens === UNKNOWN || tokens === "required" || endpoint === "disabled") return;
    reportViolation(
      `${args.name}: metadataOptions.httpTokens is ${tokens === undefined ? "not set (IMDSv1 allowed)" : `"${String(tokens)}"`}`,
    );
  },
};

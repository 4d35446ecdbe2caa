import type { StackValidationPolicy } from "@pulumi/policy";
import { referenced } from "../lib/resources";
import { CIS } from "../lib/rule";

const VPC = "aws:ec2/vpc:Vpc";

/** S8: every VPC records its flows (the SOC's evidence), followed through property dependencies. */
export const vpcFlowLogsRequired: StackValidationPolicy = {
  name: "vpc-flow-logs-required",
  description: "Every VPC has a flow log attached to it (FlowLog.vpcId refers to the VPC).",
  enforcementLevel: "mandatory",
  severity: "medium",
  framework: CIS("3.7", "Ensure VPC flow logging is enabled in all VPCs"),
  tags: ["logging", "cis:3.7", "fsbp:EC2.6", "checkov:CKV2_AWS_11"],
  validateStack: (args, reportViolation) => {
    const logged = new Set(
      args.resources
        .filter((r) => r.type === "aws:ec2/flowLog:FlowLog")
        .flatMap((f) => referenced(f, "vpcId", VPC).map((v) => v.urn)),
    );
    args.resources
      .filter((r) => r.type === VPC && !logged.has(r.urn))
      .forEach((vpc) => reportViolation(`${vpc.name}: VPC without a flow log`, vpc.urn));
  },
};

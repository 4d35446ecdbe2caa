import type { ResourceValidationPolicy } from "@pulumi/policy";
import { FSBP } from "../lib/rule";
import { known } from "../lib/values";

const DATABASES = ["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance"];

/** S2/S11: databases are never reachable from the internet. */
export const noPubliclyAccessibleDatabase: ResourceValidationPolicy = {
  name: "no-publicly-accessible-database",
  description: "RDS instances are not publicly accessible.",
  enforcementLevel: "mandatory",
  severity: "critical",
  framework: FSBP("RDS.2", "RDS DB Instances should prohibit public access"),
  tags: ["exposure", "fsbp:RDS.2", "checkov:CKV_AWS_17"],
  validateResource: (args, reportViolation) => {
    if (!DATABASES.includes(args.type)) return;
    if (known(() => args.props.publiclyAccessible) === true)
      reportViolation(`${args.name}: publiclyAccessible is true`);
  },
};

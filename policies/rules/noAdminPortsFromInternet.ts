import type { StackValidationPolicy } from "@pulumi/policy";
import { isPublicCidr } from "../lib/cidr";
import { configOf } from "../lib/config";
import { cidrIngress, coversPort, describeIngress, INGRESS_TYPES, PORTLESS_PROTOCOLS } from "../lib/ingress";
import { prefixListsOf } from "../lib/prefixLists";
import { CIS } from "../lib/rule";

const DEFAULTS = { adminPorts: [22, 3389, 5432, 3306, 1433, 1521, 6379, 27017] };

/**
 * S9: admin access only through the Client VPN; no tier opens SSH, RDP or a database port to the internet.
 * A stack rule: a rule's prefix lists and their entries are other resources of the stack.
 */
export const noAdminPortsFromInternet: StackValidationPolicy = {
  name: "no-admin-ports-from-internet",
  description:
    "No security group, on any tier, admits remote-administration or database ports (SSH, RDP, PostgreSQL, MySQL, SQL Server, Oracle, Redis, MongoDB) from a public CIDR.",
  enforcementLevel: "mandatory",
  severity: "critical",
  framework: CIS("5.2", "Ensure no security groups allow ingress from 0.0.0.0/0 to remote server administration ports"),
  tags: [
    "exposure",
    "cis:5.2",
    "cis:5.3",
    "fsbp:EC2.13",
    "fsbp:EC2.14",
    "fsbp:EC2.19",
    "checkov:CKV_AWS_24",
    "checkov:CKV_AWS_25",
  ],
  configSchema: {
    properties: {
      adminPorts: {
        type: "array",
        items: { type: "integer", minimum: 1, maximum: 65535 },
        default: DEFAULTS.adminPorts,
        description: "Ports never open to the internet",
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const { adminPorts } = configOf(args, DEFAULTS);
    const lists = prefixListsOf(args.resources);
    for (const r of args.resources) {
      if (!INGRESS_TYPES.includes(r.type)) continue;
      for (const ingress of cidrIngress(r, lists)) {
        if (PORTLESS_PROTOCOLS.includes(ingress.protocol) || !isPublicCidr(ingress.cidr)) continue;
        const ports = adminPorts.filter((p) => coversPort(ingress, p));
        if (ports.length > 0)
          reportViolation(
            `${r.name}: ${describeIngress(ingress)} opens admin port(s) ${ports.join(", ")} to the internet`,
            r.urn,
          );
      }
    }
  },
};

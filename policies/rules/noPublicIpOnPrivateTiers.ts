import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { tierVia } from "../lib/resources";
import { DEFAULT_PRIVATE_TIERS, FSBP, tierListSchema } from "../lib/rule";
import { isTrue, known } from "../lib/values";

const DEFAULTS = { privateTiers: DEFAULT_PRIVATE_TIERS };

/** Why a resource gives a public address to a host, or undefined. The tier comes from what it attaches to. */
function publicAddress(r: PolicyResource): { reason: string; tier: string | undefined } | undefined {
  switch (r.type) {
    case "aws:ec2/instance:Instance":
      return isTrue(known(() => r.props.associatePublicIpAddress))
        ? { reason: "associatePublicIpAddress is true", tier: tierVia(r, ["subnetId"]) }
        : undefined;
    case "aws:ec2/launchTemplate:LaunchTemplate": {
      const nics = known(() => r.props.networkInterfaces);
      if (!Array.isArray(nics)) return undefined;
      const index = nics.findIndex((_, i) =>
        isTrue(known(() => r.props.networkInterfaces[i].associatePublicIpAddress)),
      );
      return index < 0
        ? undefined
        : { reason: `networkInterfaces[${index}].associatePublicIpAddress is "true"`, tier: tierVia(r, []) };
    }
    case "aws:ec2/eip:Eip":
      return { reason: "an Elastic IP", tier: tierVia(r, ["instance", "networkInterface"]) };
    case "aws:ec2/eipAssociation:EipAssociation":
      return { reason: "an Elastic IP association", tier: tierVia(r, ["instanceId", "networkInterfaceId"]) };
  }
  return undefined;
}

/** S2: no core or data host holds a public IPv4 address, directly, by launch template or by Elastic IP. */
export const noPublicIpOnPrivateTiers: StackValidationPolicy = {
  name: "no-public-ip-on-core-or-data",
  description:
    "Instances, launch templates, network interfaces and Elastic IPs of the core and data tiers carry no public IP " +
    "(associatePublicIpAddress, an Elastic IP or an Elastic IP association).",
  enforcementLevel: "mandatory",
  severity: "critical",
  framework: FSBP("EC2.9", "Amazon EC2 instances should not have a public IPv4 address"),
  tags: ["exposure", "fsbp:EC2.9", "fsbp:EC2.25", "checkov:CKV_AWS_88"],
  configSchema: {
    properties: { privateTiers: tierListSchema("Tiers that may never hold a public address", DEFAULTS.privateTiers) },
  },
  validateStack: (args, reportViolation) => {
    const { privateTiers } = configOf(args, DEFAULTS);
    for (const r of args.resources) {
      const found = publicAddress(r);
      if (found?.tier && privateTiers.includes(found.tier))
        reportViolation(`${r.name}: ${found.reason} on tier "${found.tier}"`, r.urn);
    }
  },
};

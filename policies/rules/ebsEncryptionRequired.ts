import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { CHECKOV } from "../lib/rule";
import { asArray, isTrue, known, UNKNOWN } from "../lib/values";

/** Problems with a resource's volumes, one message each. */
function unencrypted(args: ResourceValidationArgs): string[] {
  const p = args.props;
  const ok = (read: () => unknown) => {
    const v = known(read);
    return v === UNKNOWN || isTrue(v);
  };
  switch (args.type) {
    case "aws:ebs/volume:Volume":
      return ok(() => p.encrypted) ? [] : ["encrypted is not true"];
    case "aws:ec2/instance:Instance": {
      const problems = ok(() => p.rootBlockDevice?.encrypted) ? [] : ["rootBlockDevice.encrypted is not true"];
      asArray(known(() => p.ebsBlockDevices)).forEach((_, i) => {
        if (!ok(() => p.ebsBlockDevices[i].encrypted)) problems.push(`ebsBlockDevices[${i}].encrypted is not true`);
      });
      return problems;
    }
    case "aws:ec2/launchTemplate:LaunchTemplate": {
      const mappings = known(() => p.blockDeviceMappings);
      if (mappings === UNKNOWN) return [];
      const withEbs = asArray(mappings)
        .map((_, i) => i)
        .filter((i) => known(() => p.blockDeviceMappings[i].ebs) !== undefined);
      if (withEbs.length === 0)
        return ["no blockDeviceMappings with ebs: the root volume would take the image's (unencrypted) default"];
      return withEbs
        .filter((i) => !ok(() => p.blockDeviceMappings[i].ebs.encrypted))
        .map((i) => `blockDeviceMappings[${i}].ebs.encrypted is not "true"`);
    }
  }
  return [];
}

/** Data at rest on EC2 is encrypted: volumes, instance block devices, launch template block devices. */
export const ebsEncryptionRequired: ResourceValidationPolicy = {
  name: "ebs-encryption-required",
  description: "EBS volumes, instance block devices and launch template block device mappings are encrypted.",
  enforcementLevel: "mandatory",
  severity: "high",
  framework: CHECKOV(
    "CKV_AWS_8",
    "Ensure all data stored in the Launch configuration or instance Elastic Blocks Store is securely encrypted",
  ),
  tags: ["encryption", "fsbp:EC2.3", "checkov:CKV_AWS_3", "checkov:CKV_AWS_8"],
  validateResource: (args, reportViolation) => {
    unencrypted(args).forEach((problem) => reportViolation(`${args.name}: ${problem}`));
  },
};

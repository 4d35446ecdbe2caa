import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { known } from "../lib/values";

const DEFAULTS = {
  /** Exact AMI ids of validated RHEL releases (config `rhel[].amiIds`). */
  allowedImageIds: [] as string[],
  /** Exact AMI names and owners of validated releases: what the program's look-up must ask for. */
  allowedImageNames: [] as string[],
  allowedImageOwners: [] as string[],
};
const HOSTS = ["aws:ec2/instance:Instance", "aws:ec2/launchTemplate:LaunchTemplate"];

/**
 * S13: hosts boot only validated RHEL images. A known imageId must be on the list. An imageId that is
 * unknown at preview is the result of the program's AMI look-up (exact name + Red Hat owner, checked by
 * config validation and by test/policies/amiLookups.test.ts), which a policy cannot see.
 */
export const imagesOnlyFromValidatedList: ResourceValidationPolicy = {
  name: "images-only-from-validated-rhel-list",
  description: "Instances and launch templates use an image from the validated RHEL list (a literal AMI id outside the list fails).",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["supply-chain"],
  configSchema: {
    properties: {
      allowedImageIds: { type: "array", items: { type: "string" }, default: DEFAULTS.allowedImageIds, description: "Validated AMI ids" },
      allowedImageNames: { type: "array", items: { type: "string" }, default: DEFAULTS.allowedImageNames, description: "Validated AMI names" },
      allowedImageOwners: { type: "array", items: { type: "string" }, default: DEFAULTS.allowedImageOwners, description: "Image owner accounts" },
    },
  },
  validateResource: (args, reportViolation) => {
    if (!HOSTS.includes(args.type)) return;
    const { allowedImageIds } = configOf(args, DEFAULTS);
    const image = known(() => args.props.imageId);
    if (typeof image === "string" && !allowedImageIds.includes(image)) reportViolation(`${args.name}: image ${image} is not a validated RHEL image`);
  },
};

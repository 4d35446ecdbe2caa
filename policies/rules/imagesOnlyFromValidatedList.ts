import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { known } from "../lib/values";

const DEFAULTS = {
  /** Exact AMI ids of validated RHEL releases (config `rhel[].amiIds`). */
  allowedImageIds: [] as string[],
  /** Exact AMI names and owners of validated releases: what the program's look-up must ask for. */
  allowedImageNames: [] as string[],
  allowedImageOwners: [] as string[],
  /** Validated image ids per region (`rhel[].amiIds`): region -> ids. */
  validatedImages: {} as Record<string, string[]>,
};
/** Where each host kind names its image. */
const IMAGE_PROPERTY: Record<string, string> = { "aws:ec2/instance:Instance": "ami", "aws:ec2/launchTemplate:LaunchTemplate": "imageId" };
/** Tag in which a host declares the validated AMI name its image was resolved from. */
export const DECLARED_IMAGE_TAG = "rhel-ami-name";

/**
 * S13: hosts boot only validated RHEL images. A real preview runs the program's AMI look-up, so the
 * image id is known, but a policy cannot map ids to names. A known id passes when it is an exact
 * validated id, or when the host declares (tag `rhel-ami-name`) the validated AMI name it was resolved
 * from; the look-up itself (one exact name, a validated owner, never mostRecent) is checked by the
 * offline plan, which sees invokes. A literal id with no validated declaration fails. An id unknown
 * at preview comes from another resource and is not judged.
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
      validatedImages: { type: "object", default: DEFAULTS.validatedImages, description: "Validated image ids per region (region -> ids)" },
    },
  },
  validateResource: (args, reportViolation) => {
    const property = IMAGE_PROPERTY[args.type];
    if (!property) return;
    const { allowedImageIds, allowedImageNames } = configOf(args, DEFAULTS);
    const image = known(() => args.props[property]);
    if (typeof image !== "string" || allowedImageIds.includes(image)) return;
    const declared = known(() => args.props.tags?.[DECLARED_IMAGE_TAG]);
    if (typeof declared === "string" && allowedImageNames.includes(declared)) return;
    reportViolation(
      typeof declared === "string"
        ? `${args.name}: image ${image} declares "${declared}", which is not a validated RHEL image`
        : `${args.name}: image ${image} is not a validated RHEL image id and declares no validated AMI name (tag ${DECLARED_IMAGE_TAG})`,
    );
  },
};

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { regionOf } from "../lib/resources";
import { known } from "../lib/values";

const DEFAULTS = {
  /** Validated image ids per region (`rhel[].amiIds`, written by `npm run pin-images`): region -> ids. */
  validatedImages: {} as Record<string, string[]>,
  /** Exact AMI names and owners of validated releases: what a look-up, where one remains, must ask for (checked by the offline plan). */
  allowedImageNames: [] as string[],
  allowedImageOwners: [] as string[],
};
/** Where each host kind names its image. */
const IMAGE_PROPERTY: Record<string, string> = {
  "aws:ec2/instance:Instance": "ami",
  "aws:ec2/launchTemplate:LaunchTemplate": "imageId",
};

/**
 * S13: hosts boot only validated RHEL images. An AMI id is regional, so a known id passes only when it
 * is validated for the region the host lands in (its own `region`, else its provider's); what a host says
 * about its image (the `rhel-ami-name` tag) is information, not evidence. An id unknown at preview comes
 * from another resource and is not judged.
 */
export const imagesOnlyFromValidatedList: ResourceValidationPolicy = {
  name: "images-only-from-validated-rhel-list",
  description:
    "Instances and launch templates use an AMI id validated for their region (config rhel[].amiIds); no tag is trusted.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["supply-chain"],
  configSchema: {
    properties: {
      validatedImages: {
        type: "object",
        default: DEFAULTS.validatedImages,
        description: "Validated image ids per region (region -> ids)",
      },
      allowedImageNames: {
        type: "array",
        items: { type: "string" },
        default: DEFAULTS.allowedImageNames,
        description: "Validated AMI names",
      },
      allowedImageOwners: {
        type: "array",
        items: { type: "string" },
        default: DEFAULTS.allowedImageOwners,
        description: "Image owner accounts",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    const property = IMAGE_PROPERTY[args.type];
    if (!property) return;
    const image = known(() => args.props[property]);
    if (typeof image !== "string") return;
    const { validatedImages } = configOf(args, DEFAULTS);
    const region = regionOf(args);
    if (region && (validatedImages[region] ?? []).includes(image)) return;
    const elsewhere = Object.keys(validatedImages)
      .filter((r) => validatedImages[r].includes(image))
      .sort();
    reportViolation(
      elsewhere.length > 0
        ? `${args.name}: image ${image} is validated for ${elsewhere.join(", ")}, not for ${region ?? "the host's region (unknown)"}`
        : `${args.name}: image ${image} is not a validated RHEL image id for ${region ?? "the host's region (unknown)"}`,
    );
  },
};

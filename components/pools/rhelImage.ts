import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RhelRelease } from "../../config";

/** The validated release a tier runs, by name (config validation already refuses unknown names). */
export function releaseNamed(releases: readonly RhelRelease[], name: string): RhelRelease {
  const release = releases.find((r) => r.name === name);
  if (!release) throw new Error(`RHEL release "${name}" is not in the validated list (rhel: ${releases.map((r) => r.name).join(", ")})`);
  return release;
}

/**
 * The image id of a pinned release in one region: the exact id when config gives one for the
 * region, else the one image with that exact name published by Red Hat's account. Never
 * `mostRecent` and never a wildcard: a new Red Hat image cannot reach a pool unless config names it.
 */
export function pinnedImageId(release: RhelRelease, region: string, parent: pulumi.Resource): pulumi.Output<string> {
  const exactId = release.amiIds?.[region];
  if (exactId !== undefined) return pulumi.output(exactId);
  return aws.ec2
    .getAmiOutput({ owners: [release.owner], filters: [{ name: "name", values: [release.amiName] }], mostRecent: false }, { parent })
    .apply((image) => image.id);
}

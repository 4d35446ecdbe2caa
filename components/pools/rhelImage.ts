import { RhelRelease } from "../../config";

/** The validated release a tier runs, by name (config validation already refuses unknown names). */
export function releaseNamed(releases: readonly RhelRelease[], name: string): RhelRelease {
  const release = releases.find((r) => r.name === name);
  if (!release)
    throw new Error(
      `RHEL release "${name}" is not in the validated list (rhel: ${releases.map((r) => r.name).join(", ")})`,
    );
  return release;
}

/**
 * The image id of a pinned release in one region: the exact id config gives for that region
 * (`rhel[].amiIds`, written by `npm run pin-images` and reviewed). No look-up at deploy time: a name
 * filter stops finding a public image once it is deprecated (two years after creation), and an id
 * cannot change under a pin (S13).
 */
export function pinnedImageId(release: RhelRelease, region: string): string {
  const id = release.amiIds?.[region];
  if (id === undefined) {
    throw new Error(
      `RHEL release "${release.name}" has no image id for ${region} (rhel[].amiIds): run \`npm run pin-images -- --stack <stack>\``,
    );
  }
  return id;
}

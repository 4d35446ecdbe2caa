// `npm run pin-images`: resolves each validated RHEL name to its exact image id in each region that
// runs it, once, and writes the ids into the stack file (`rhel[].amiIds`) for review. The program
// never looks images up at deploy time (S13).
import { execFile } from "child_process";
import { parseDocument } from "yaml";
import { CONFIG_NAMESPACE, NetworkConfig, networkConfigSchema } from "../../config";
import { rawProjectConfig } from "../stackConfig";

/** One image as DescribeImages returns it (the fields the pin needs). */
export interface FoundImage {
  readonly ImageId: string;
  readonly Name: string;
  readonly OwnerId: string;
  readonly CreationDate?: string;
  readonly DeprecationTime?: string;
}

/** What the pin asks EC2: one exact name from one owner in one region, deprecated images included. */
export interface ImageQuery {
  readonly region: string;
  readonly owner: string;
  readonly name: string;
}

/** DescribeImages, deprecated images included (a name filter alone misses them after two years). */
export type DescribeImages = (query: ImageQuery) => Promise<FoundImage[]>;

/** One release in one region that needs an id. */
export interface ImageNeed extends ImageQuery {
  readonly release: string;
  /** Index of the release in `rhel`. */
  readonly index: number;
}

/** The (release, region) pairs the stack's AWS sites run, each once, in config order. */
export function imageNeeds(config: Pick<NetworkConfig, "rhel" | "sites">): ImageNeed[] {
  return config.rhel.flatMap((release, index) => {
    const regions = config.sites.flatMap((s) =>
      s.kind === "aws" && Object.values(s.pools).some((p) => p.rhel === release.name) ? [s.region] : [],
    );
    return [...new Set(regions)].map((region) => ({
      release: release.name,
      index,
      region,
      owner: release.owner,
      name: release.amiName,
    }));
  });
}

/** Resolves every need with one DescribeImages call each; refuses anything but one exact match. */
export async function resolvePins(
  needs: readonly ImageNeed[],
  describe: DescribeImages,
): Promise<(ImageNeed & { readonly imageId: string })[]> {
  const resolved = [];
  for (const need of needs) {
    const images = (await describe({ region: need.region, owner: need.owner, name: need.name })).filter(
      (i) => i.Name === need.name && i.OwnerId === need.owner,
    );
    if (images.length !== 1) {
      throw new Error(
        `${need.release} in ${need.region}: ${images.length} images named "${need.name}" owned by ${need.owner} (expected exactly one)`,
      );
    }
    resolved.push({ ...need, imageId: images[0].ImageId });
  }
  return resolved;
}

/** The stack file with each resolved id written under `rhel[i].amiIds.<region>`, comments kept. */
export function writePins(stackYaml: string, pins: readonly (ImageNeed & { readonly imageId: string })[]): string {
  const document = parseDocument(stackYaml);
  pins.forEach((p) => document.setIn(["config", `${CONFIG_NAMESPACE}:rhel`, p.index, "amiIds", p.region], p.imageId));
  return document.toString();
}

/** The releases and sites of a stack file, shape-checked only: the ids it lacks are what this fills in. */
export function pinnableConfig(values: Record<string, string>): Pick<NetworkConfig, "rhel" | "sites"> {
  return networkConfigSchema.parse(rawProjectConfig(values));
}

/** DescribeImages through the AWS CLI (`aws ec2 describe-images ... --include-deprecated`), with the caller's credentials. */
export function awsCliDescribeImages(run: typeof execFile = execFile): DescribeImages {
  return (q) =>
    new Promise((resolve, reject) => {
      const args = [
        "ec2",
        "describe-images",
        "--region",
        q.region,
        "--owners",
        q.owner,
        "--filters",
        `Name=name,Values=${q.name}`,
        "--include-deprecated",
        "--output",
        "json",
      ];
      run("aws", args, { timeout: 60_000 }, (err, stdout) => {
        if (err) return reject(new Error(`aws ${args.join(" ")}: ${err.message}`));
        try {
          resolve((JSON.parse(String(stdout)) as { Images?: FoundImage[] }).Images ?? []);
        } catch (parseError) {
          reject(new Error(`aws ec2 describe-images returned no JSON: ${(parseError as Error).message}`));
        }
      });
    });
}

import * as fs from "fs";
import { parse } from "yaml";
import { validateConfig } from "../../config";
import {
  DescribeImages,
  FoundImage,
  ImageQuery,
  awsCliDescribeImages,
  imageNeeds,
  pinnableConfig,
  resolvePins,
  writePins,
} from "../../tools/images/pinImages";
import { flattenStackConfig, rawProjectConfig, stackFile } from "../../tools/stackConfig";

const RHEL_OWNER = "309956199498";

/** The stack file with every `amiIds` removed: what a first pin starts from. */
function unpinned(stack: string): string {
  return fs.readFileSync(stackFile(stack), "utf8").replace(/^ {6}amiIds:\n( {8}[a-z0-9-]+: ami-[0-9a-f]+\n)+/gm, "");
}

/** A stubbed EC2 that knows one image per (name, region), deprecated or not, and records what it was asked. */
function stubEc2(extra: (q: ImageQuery) => FoundImage[] = () => []): { describe: DescribeImages; asked: ImageQuery[] } {
  const asked: ImageQuery[] = [];
  const describe: DescribeImages = async (q) => {
    asked.push(q);
    const id = `ami-0${Buffer.from(`${q.region}/${q.name}`).toString("hex").slice(-16)}`;
    return [
      {
        ImageId: id,
        Name: q.name,
        OwnerId: q.owner,
        CreationDate: "2024-06-05T00:00:00.000Z",
        DeprecationTime: "2026-06-05T00:00:00.000Z",
      },
      ...extra(q),
    ];
  };
  return { describe, asked };
}

describe("npm run pin-images", () => {
  it.each(["prod", "staging"] as const)(
    "asks EC2 once per release and region the %s stack runs, and writes ids the config accepts",
    async (stack) => {
      const text = unpinned(stack);
      const values = flattenStackConfig(stack, parse(text)).values;
      expect(() => validateConfig(rawProjectConfig(values))).toThrow(/amiIds.*npm run pin-images/);
      const needs = imageNeeds(pinnableConfig(values));
      const { describe, asked } = stubEc2();
      const pins = await resolvePins(needs, describe);
      expect(asked.map((q) => `${q.name}@${q.region}`)).toEqual([
        ...new Set(asked.map((q) => `${q.name}@${q.region}`)),
      ]);
      expect(asked.every((q) => q.owner === RHEL_OWNER)).toBe(true);
      const written = writePins(text, pins);
      // Comments of the stack file survive; every region a release runs in now has its id.
      const comments = (yaml: string) =>
        yaml
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => l.startsWith("#"));
      expect(comments(written)).toEqual(comments(text));
      const config = validateConfig(rawProjectConfig(flattenStackConfig(stack, parse(written)).values));
      config.sites.forEach((site) => {
        if (site.kind !== "aws") return;
        Object.values(site.pools).forEach((pool) => {
          const release = config.rhel.find((r) => r.name === pool.rhel)!;
          expect(release.amiIds?.[site.region]).toBe(
            pins.find((p) => p.release === release.name && p.region === site.region)!.imageId,
          );
        });
      });
    },
  );

  it("refuses a name that matches no image, or more than one", async () => {
    const needs = imageNeeds(pinnableConfig(flattenStackConfig("prod", parse(unpinned("prod"))).values));
    await expect(resolvePins(needs, async () => [])).rejects.toThrow(
      /rhel-9\.4 in us-east-1: 0 images named "RHEL-9\.4\.0_HVM-20240605-x86_64-82-Hourly2-GP3" owned by 309956199498/,
    );
    const twice = stubEc2((q) => [{ ImageId: "ami-0aaaaaaaaaaaaaaaa", Name: q.name, OwnerId: q.owner }]);
    await expect(resolvePins(needs, twice.describe)).rejects.toThrow(/2 images named/);
    // An image of another owner with the same name is not Red Hat's: it does not count.
    const impostor = stubEc2((q) => [{ ImageId: "ami-0bbbbbbbbbbbbbbbb", Name: q.name, OwnerId: "111122223333" }]);
    await expect(resolvePins(needs, impostor.describe)).resolves.toHaveLength(needs.length);
  });

  it("asks the AWS CLI for the exact name and owner in the region, deprecated images included", async () => {
    const calls: string[][] = [];
    const run = ((
      file: string,
      args: string[],
      _options: unknown,
      callback: (err: Error | null, stdout: string) => void,
    ) => {
      calls.push([file, ...args]);
      callback(
        null,
        JSON.stringify({ Images: [{ ImageId: "ami-0583d8c7a9c35822c", Name: "RHEL-x", OwnerId: RHEL_OWNER }] }),
      );
    }) as never;
    const images = await awsCliDescribeImages(run)({ region: "sa-east-1", owner: RHEL_OWNER, name: "RHEL-x" });
    expect(images.map((i) => i.ImageId)).toEqual(["ami-0583d8c7a9c35822c"]);
    expect(calls).toEqual([
      [
        "aws",
        "ec2",
        "describe-images",
        "--region",
        "sa-east-1",
        "--owners",
        RHEL_OWNER,
        "--filters",
        "Name=name,Values=RHEL-x",
        "--include-deprecated",
        "--output",
        "json",
      ],
    ]);
  });
});

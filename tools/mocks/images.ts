// What EC2 answers a `getAmi` look-up of a public image, deprecation included.
import { MOCK_ACCOUNT_ID, hexFrom } from "./ids";
import { refuse } from "./refusal";

/**
 * Public AMIs are deprecated two years after their creation, and DescribeImages leaves deprecated
 * images out unless the request asks for them (IncludeDeprecated):
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-deprecate.html
 */
const DEPRECATION_YEARS = 2;

/** The creation date Red Hat's image names carry (`RHEL-9.4.0_HVM-20240605-...`); others count as created today. */
export function imageCreationDate(name: string, now: Date): Date {
  const stamp = /_HVM-(\d{4})(\d{2})(\d{2})-/.exec(name);
  return stamp ? new Date(Date.UTC(Number(stamp[1]), Number(stamp[2]) - 1, Number(stamp[3]))) : now;
}

export function imageDeprecationDate(created: Date): Date {
  const deprecated = new Date(created);
  deprecated.setUTCFullYear(created.getUTCFullYear() + DEPRECATION_YEARS);
  return deprecated;
}

/** `getAmi` by exact name: one image per region, refused as the provider does when a deprecated image is left out. */
export function getAmiAnswer(inputs: Record<string, any>, region: string, now: Date): Record<string, unknown> {
  const name = (inputs.filters ?? []).find((f: { name: string }) => f.name === "name")?.values?.[0] ?? "unnamed";
  const created = imageCreationDate(name, now);
  const deprecated = imageDeprecationDate(created);
  if (deprecated <= now && inputs.includeDeprecated !== true) {
    refuse(
      "getAmi",
      `Your query returned no results. Please change your search criteria and try again. (${name} was deprecated on ${deprecated.toISOString().slice(0, 10)}; includeDeprecated is not set)`,
    );
  }
  const id = `ami-${hexFrom(`${region}/${name}`, 17)}`;
  return {
    id,
    imageId: id,
    name,
    ownerId: inputs.owners?.[0] ?? MOCK_ACCOUNT_ID,
    architecture: "x86_64",
    rootDeviceName: "/dev/sda1",
    virtualizationType: "hvm",
    enaSupport: true,
    mostRecent: inputs.mostRecent ?? false,
    creationDate: created.toISOString(),
    deprecationTime: deprecated.toISOString(),
    includeDeprecated: inputs.includeDeprecated ?? false,
  };
}

// Answers to provider functions (invokes), shaped like the providers' real responses.
import { MOCK_ACCOUNT_ID } from "./ids";
import { getAmiAnswer } from "./images";

export interface InvokeContext {
  /** Region of the explicit AWS provider the invoke ran through. */
  readonly region: string;
}

export type InvokeMock = (inputs: Record<string, any>, ctx: InvokeContext) => Record<string, unknown>;

// AZ letters as AWS publishes them for the regions the stacks use; other regions get a-c.
const AZ_LETTERS: Record<string, string> = { "us-east-1": "abcdef", "us-west-2": "abcd", "ap-northeast-1": "acd" };

/** Cloudflare's published proxy ranges (https://www.cloudflare.com/ips/), as `getIpRanges` returns them. */
export const CLOUDFLARE_IPV4 = [
  "173.245.48.0/20",
  "103.21.244.0/22",
  "103.22.200.0/22",
  "103.31.4.0/22",
  "141.101.64.0/18",
  "108.162.192.0/18",
  "190.93.240.0/20",
  "188.114.96.0/20",
  "197.234.240.0/22",
  "198.41.128.0/17",
  "162.158.0.0/15",
  "104.16.0.0/13",
  "104.24.0.0/14",
  "172.64.0.0/13",
  "131.0.72.0/22",
];
export const CLOUDFLARE_IPV6 = [
  "2400:cb00::/32",
  "2606:4700::/32",
  "2803:f800::/32",
  "2405:b500::/32",
  "2405:8100::/32",
  "2a06:98c0::/29",
  "2c0f:f248::/32",
];

export const INVOKES: Record<string, InvokeMock> = {
  "aws:index/getAvailabilityZones:getAvailabilityZones": (_inputs, { region }) => {
    const letters = (AZ_LETTERS[region] ?? "abc").split("");
    return {
      id: region,
      names: letters.map((l) => `${region}${l}`),
      zoneIds: letters.map((_, i) => `${region.replace(/-/g, "").slice(0, 4)}-az${i + 1}`),
      groupNames: [region],
      state: "available",
    };
  },
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    id: MOCK_ACCOUNT_ID,
    accountId: MOCK_ACCOUNT_ID,
    arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/ci`,
    userId: "AIDAMOCKUSER",
  }),
  "aws:index/getRegion:getRegion": (_inputs, { region }) => ({ id: region, name: region, region, description: region }),
  "aws:index/getPartition:getPartition": () => ({
    id: "aws",
    partition: "aws",
    dnsSuffix: "amazonaws.com",
    reverseDnsPrefix: "com.amazonaws",
  }),
  // An exact name + owner resolves to one image per region, unless it is deprecated and not asked for.
  "aws:ec2/getAmi:getAmi": (inputs, { region }) => getAmiAnswer(inputs, region, new Date()),
  "cloudflare:index/getIpRanges:getIpRanges": () => ({
    id: "cloudflare-ip-ranges",
    ipv4Cidrs: CLOUDFLARE_IPV4,
    ipv6Cidrs: CLOUDFLARE_IPV6,
    jdcloudCidrs: [],
    etag: "mock",
  }),
};

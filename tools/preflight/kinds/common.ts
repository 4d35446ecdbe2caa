// Value shapes several services share: CIDR blocks, JSON policy documents, AWS regions.
import type { Json } from "../../plan/capture";
import { parseIp } from "../../../lib/ipv4";
import { InputConstraint } from "../types";
import { eachValue } from "../rules";

/** An IPv4 CIDR block with a prefix within [min, max] (any address part; AWS keeps the network). */
export function isCidr(value: Json, min = 0, max = 32): boolean {
  const match = typeof value === "string" ? /^([\d.]+)\/(\d{1,2})$/.exec(value) : null;
  return !!match && parseIp(match[1]) !== undefined && Number(match[2]) >= min && Number(match[2]) <= max;
}

export function cidr(path: string, source: string, min = 0, max = 32): InputConstraint {
  return eachValue(path, `${path}: an IPv4 CIDR block from /${min} to /${max}`, source, (v) => isCidr(v, min, max), {
    ok: { [path]: `10.0.0.0/${Math.max(min, 16)}` },
    bad: { [path]: min > 0 ? `10.0.0.0/${min - 1}` : "10.0.0.0/33" },
  });
}

/** A JSON document (IAM, key and resource policies, event patterns) of at most `maxChars`. */
export function jsonDocument(path: string, maxChars: number, source: string): InputConstraint {
  const parses = (text: string) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };
  return eachValue(
    path,
    `${path}: a JSON document of at most ${maxChars} characters`,
    source,
    (v) => typeof v !== "string" || (v.length <= maxChars && parses(v)),
    {
      ok: { [path]: '{"Version":"2012-10-17","Statement":[]}' },
      bad: { [path]: "{Version: 2012-10-17" },
    },
  );
}

/** AWS's public commercial regions (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html). */
export const AWS_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-7",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-south-1",
  "eu-south-2",
  "eu-north-1",
  "il-central-1",
  "me-south-1",
  "me-central-1",
  "mx-central-1",
  "sa-east-1",
];
export const REGIONS_SOURCE = "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html";

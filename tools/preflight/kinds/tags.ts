// Tag rules shared by every AWS kind that takes tags.
import type { Json } from "../../plan/capture";
import type { InputConstraint } from "../types";
import { known } from "../view";

const TAGGING =
  "https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html#tag-conventions";
// Characters every service accepts in tag keys and values (some, like EC2, accept more).
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Each tag the API would refuse, with the path and value to report. */
function badTags(tags: Json | undefined, path: string): { property: string; value: Json }[] {
  if (!tags || typeof tags !== "object" || Array.isArray(tags)) return [];
  const entries = Object.entries(tags);
  const tooMany = entries.length > 50 ? [{ property: path, value: `${entries.length} tags` as Json }] : [];
  const keyOk = (key: string) =>
    [...key].length >= 1 && [...key].length <= 128 && !key.toLowerCase().startsWith("aws:") && TAG_CHARS.test(key);
  const valueOk = (value: Json) =>
    !known(value) || (typeof value === "string" && [...value].length <= 256 && TAG_CHARS.test(value));
  return [
    ...tooMany,
    ...entries
      .filter(([key, value]) => !keyOk(key) || !valueOk(value))
      .map(([key, value]) => ({ property: `${path}.${key}`, value })),
  ];
}

/** Tags on `path` (`tags`, or a provider's `defaultTags.tags`): at most 50, keys 1-128, values up to 256, no aws: prefix. */
export function awsTags(path = "tags"): InputConstraint {
  const rule = `${path}: at most 50, keys of 1 to 128 and values of up to 256 characters (letters, digits, spaces, _.:/=+-@), no aws: prefix`;
  const at = (inputs: { [key: string]: Json }) =>
    path
      .split(".")
      .reduce<Json | undefined>((v, k) => (v && typeof v === "object" && !Array.isArray(v) ? v[k] : undefined), inputs);
  const nest = (tags: Json) =>
    path.split(".").reduceRight<Json>((inner, k) => ({ [k]: inner }), tags) as { [key: string]: Json };
  return {
    rule,
    source: TAGGING,
    examples: {
      ok: nest({ site: "use1", owner: "NOC shift A" }),
      bad: nest({ "aws:site": "use1", note: "the site's" }),
    },
    check: (r) => badTags(at(r.inputs), path).map((bad) => ({ urn: r.urn, ...bad, rule, source: TAGGING })),
  };
}

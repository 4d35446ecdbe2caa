// Dated lifecycles: images past their deprecation date.
import type { Json } from "../plan/capture";
import type { PlanConstraint, PreflightViolation } from "./types";
import type { PlanView } from "./view";

const AMI_DEPRECATION = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-deprecate.html";
/** Public AMIs are deprecated two years after creation unless their owner says otherwise. */
const PUBLIC_AMI_LIFETIME_YEARS = 2;

/** When an image the program looked up is (or was) deprecated, from the look-up's answer. */
function deprecationOf(answer: { [key: string]: Json } | undefined): Date | undefined {
  if (!answer) return undefined;
  if (typeof answer.deprecationTime === "string" && answer.deprecationTime) return new Date(answer.deprecationTime);
  if (typeof answer.creationDate === "string" && answer.creationDate) {
    const created = new Date(answer.creationDate);
    created.setUTCFullYear(created.getUTCFullYear() + PUBLIC_AMI_LIFETIME_YEARS);
    return created;
  }
  return undefined;
}

const imageDeprecation: PlanConstraint = {
  rule: "an image the plan resolves is not deprecated on the day of the plan (a name filter no longer finds it)",
  source: AMI_DEPRECATION,
  kinds: ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/instance:Instance"],
  check: (view: PlanView): PreflightViolation[] =>
    view.amiLookups.flatMap((lookup) => {
      const deprecated = deprecationOf(lookup.answer);
      const image = String(lookup.answer?.id ?? lookup.answer?.imageId ?? "");
      if (!deprecated || deprecated > view.now) return [];
      const users = view.resources.filter((r) => r.inputs.imageId === image || r.inputs.ami === image);
      const name =
        (lookup.inputs.filters as { name: string; values: string[] }[] | undefined)?.find((f) => f.name === "name")
          ?.values?.[0] ?? image;
      const subjects = users.length > 0 ? users : [{ urn: `getAmi ${lookup.region ?? ""}`.trim() }];
      return subjects.map((r) => ({
        urn: r.urn,
        property: "imageId",
        value: `${name} (${image}${lookup.region ? `, ${lookup.region}` : ""}) deprecated since ${deprecated.toISOString().slice(0, 10)}`,
        rule: imageDeprecation.rule,
        source: AMI_DEPRECATION,
      }));
    }),
};

export const LIFECYCLES: readonly PlanConstraint[] = [imageDeprecation];

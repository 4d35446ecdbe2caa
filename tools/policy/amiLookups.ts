// The invoke side of "images only from the validated list": a CrossGuard policy sees resources, never
// the program's function calls, so the offline plan watches the AMI look-ups itself. `pulumi preview`
// with the pack cannot do this; the look-ups are only checked here (and in the tests).
import { ProviderMocks } from "../mocks";
import { imagesOnlyFromValidatedList } from "../../policies/rules/imagesOnlyFromValidatedList";
import { PolicyViolation } from "./engine";
import { PolicyConfigFile } from "./policyConfig";

export const AMI_LOOKUP_POLICY = "no-ami-lookup-by-most-recent";
const GET_AMI = "aws:ec2/getAmi:getAmi";

export interface AmiLookup {
  readonly inputs: Record<string, any>;
  /** What the provider answered (the image, with its creation and deprecation dates). */
  readonly answer?: Record<string, any>;
}

/** Runs `body` while recording every getAmi invoke the program makes under the mocks. */
export async function recordAmiLookups<T>(body: () => Promise<T>): Promise<{ result: T; lookups: AmiLookup[] }> {
  const lookups: AmiLookup[] = [];
  const original = ProviderMocks.prototype.call;
  ProviderMocks.prototype.call = function (this: ProviderMocks, args) {
    const answer = original.call(this, args);
    if (args.token === GET_AMI) lookups.push({ inputs: structuredClone(args.inputs), answer: structuredClone(answer) });
    return answer;
  };
  try {
    return { result: await body(), lookups };
  } finally {
    ProviderMocks.prototype.call = original;
  }
}

/** A look-up must ask for one exact validated name from a validated owner, never "the newest". */
export function amiLookupViolations(lookups: readonly AmiLookup[], config: PolicyConfigFile): PolicyViolation[] {
  const entry = config[imagesOnlyFromValidatedList.name];
  const values = typeof entry === "object" ? entry : {};
  const names = (values.allowedImageNames as string[] | undefined) ?? [];
  const owners = (values.allowedImageOwners as string[] | undefined) ?? [];
  return lookups.flatMap(({ inputs }) => {
    const nameFilter = ((inputs.filters ?? []) as { name: string; values: string[] }[]).find((f) => f.name === "name");
    const asked = nameFilter?.values ?? [];
    const problems = [
      inputs.mostRecent === true ? "mostRecent is true (the newest image, not a validated one)" : undefined,
      asked.length !== 1 ? `asks for ${asked.length} names, not one exact name` : undefined,
      ...asked.filter((n) => /[*?]/.test(n)).map((n) => `name "${n}" is a wildcard`),
      ...asked
        .filter((n) => !/[*?]/.test(n) && !names.includes(n))
        .map((n) => `name "${n}" is not a validated RHEL release`),
      ...((inputs.owners ?? []) as string[])
        .filter((o) => !owners.includes(o))
        .map((o) => `owner ${o} is not a validated image owner`),
      (inputs.owners ?? []).length === 0 ? "no owners: any account could publish that name" : undefined,
    ].filter((p): p is string => p !== undefined);
    const label = asked[0] ?? "(no name filter)";
    return problems.map((p) => ({
      policy: AMI_LOOKUP_POLICY,
      enforcementLevel: "mandatory" as const,
      urn: "",
      message: `getAmi ${label}: ${p}`,
    }));
  });
}

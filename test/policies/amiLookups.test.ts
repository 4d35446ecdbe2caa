// The offline plan records the program's AMI look-ups (invokes a CrossGuard policy never sees).
import * as aws from "@pulumi/aws";
import { runComponent } from "../harness/program";
import { amiLookupViolations, recordAmiLookups } from "../../tools/policy/amiLookups";
import { policyConfigForStack } from "../../tools/policy/fromStack";

describe("recording AMI look-ups under the mocks", () => {
  it("sees a look-up by mostRecent and reports it against the stack's validated list", async () => {
    const { lookups } = await recordAmiLookups(() =>
      runComponent(() => {
        aws.ec2.getAmiOutput({
          mostRecent: true,
          owners: ["309956199498"],
          filters: [{ name: "name", values: ["RHEL-9.*_HVM-*"] }],
        });
        // Deprecated since June 2026: EC2 only finds it when asked to include deprecated images.
        aws.ec2.getAmiOutput({
          owners: ["309956199498"],
          filters: [{ name: "name", values: ["RHEL-9.4.0_HVM-20240605-x86_64-82-Hourly2-GP3"] }],
          includeDeprecated: true,
        });
      }),
    );
    expect(lookups).toHaveLength(2);
    expect(amiLookupViolations(lookups, policyConfigForStack("prod")).map((v) => v.message)).toEqual([
      "getAmi RHEL-9.*_HVM-*: mostRecent is true (the newest image, not a validated one)",
      'getAmi RHEL-9.*_HVM-*: name "RHEL-9.*_HVM-*" is a wildcard',
    ]);
  });
});

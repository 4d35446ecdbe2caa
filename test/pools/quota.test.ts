// Config validation refuses a network whose security groups would not fit the account's quota; it
// counts the rules the way the pools build them. This keeps the two in step.
import { largestRuleCounts } from "../../config/relations";
import { documentFromRaw, rawStackConfig, stackConfig } from "../harness/config";
import { Run, runStackDocument } from "../harness/program";

describe.each(["prod", "staging"] as const)("security group rule counts of a widened %s", (stack) => {
  let run: Run;
  const raw = rawStackConfig(stack);
  // More carrier CIDRs, and a customer sharing one, so that repeats are counted once.
  raw.carriers[0].signallingCidrs.push("64.16.13.0/29", "64.16.14.0/29");
  raw.customers.push({ name: "qa-lab", sipCidrs: [raw.customers[0].sipCidrs[0], "91.121.32.0/29"] });
  // A whole-program run of its own (the widened config is in no other test): allow for a busy machine.
  beforeAll(async () => {
    run = await runStackDocument(stack, documentFromRaw(stack, raw));
  }, 180_000);

  const rulesOf = (group: string, direction: "Ingress" | "Egress") => {
    const urn = run.named("aws:ec2/securityGroup:SecurityGroup", group).urn;
    return run.ofType(`aws:vpc/securityGroup${direction}Rule:SecurityGroup${direction}Rule`).filter((r) => r.propertyDependencies.securityGroupId?.[0] === urn).length;
  };
  const busiest = (pool: "core" | "sbc") =>
    Math.max(...stackConfig(stack).sites.filter((s) => s.kind === "aws").flatMap((s) => [rulesOf(`${s.name}-pools-${pool}`, "Ingress"), rulesOf(`${s.name}-pools-${pool}`, "Egress")]));

  it("are exactly what config validation counts for the busiest site and direction", () => {
    const counts = largestRuleCounts({ ...stackConfig(stack), carriers: raw.carriers, customers: raw.customers });
    expect(busiest("core")).toBe(counts.core);
    expect(busiest("sbc")).toBe(counts.sbc);
  });
});

// The rule table in docs/ARCHITECTURE.md is generated from the rules' metadata (tools/docs/ruleTable.ts).
import * as fs from "fs";
import type { ResourceValidationPolicy } from "../../policies/lib/types";
import { RULES } from "../../policies/rules";
import { ARCHITECTURE, ruleTable, withRuleTable } from "../../tools/docs/ruleTable";

describe("the policy rule table in docs/ARCHITECTURE.md", () => {
  it("is the one the rules' metadata generates (run `npm run docs` after changing a rule)", () => {
    const committed = fs.readFileSync(ARCHITECTURE, "utf8");
    expect(committed).toBe(withRuleTable(committed));
  });

  it("has one row per rule, with its kind, severity, description and controls", () => {
    const rows = ruleTable().split("\n").slice(2);
    expect(rows).toHaveLength(RULES.length);
    expect(rows).toContain(
      "| no-admin-ports-from-internet | stack | critical | No security group, on any tier, admits remote-administration or database ports (SSH, RDP, PostgreSQL, MySQL, SQL Server, Oracle, Redis, MongoDB) from a public CIDR. | CIS 5.2/5.3, FSBP EC2.13/EC2.14/EC2.19, CKV_AWS_24/CKV_AWS_25 |",
    );
    expect(rows.find((row) => row.startsWith("| vpc-flow-logs-required |"))).toMatch(
      /^\| vpc-flow-logs-required \| stack \| /,
    );
  });

  it("picks up a rule added to the pack, and escapes what would break a Markdown cell", () => {
    const added: ResourceValidationPolicy = {
      name: "new-rule",
      description: "Allows a | b\nnever c.",
      enforcementLevel: "mandatory",
      validateResource: () => undefined,
    };
    expect(
      ruleTable([...RULES, added])
        .split("\n")
        .at(-1),
    ).toBe("| new-rule | resource | - | Allows a \\| b never c. | - |");
  });

  it("refuses a document without the generated section, naming the markers", () => {
    expect(() => withRuleTable("# no table here")).toThrow(/rule-table:begin/);
  });
});

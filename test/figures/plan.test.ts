import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../tools/plan/cli";
import { ROOT } from "../harness/program";

describe("the offline plan carries the figures", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-figures-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(["prod", "staging"])(
    "%s: plan file has `figures` after `outputs`, and the plan prints them",
    async (stack) => {
      const out = path.join(dir, `${stack}.json`);
      const logs: string[] = [];
      const code = await main(
        ["--stack", stack, "--out", out],
        { log: (t) => logs.push(t), error: (t) => logs.push(t) },
        ROOT,
      );
      const text = fs.readFileSync(out, "utf8");
      const plan = JSON.parse(text);
      // Exit 1 only for what the preflight finds (defects other issues fix), never a usage error.
      expect(code).toBe(plan.preflight.violations.length > 0 ? 1 : 0);
      expect(Object.keys(plan)).toEqual([
        "project",
        "stack",
        "resources",
        "outputs",
        "figures",
        "imageLookups",
        "inputs",
        "inputsDigest",
        "policyViolations",
        "preflight",
        "reachability",
      ]);
      expect(Object.keys(plan.figures).sort()).toEqual([
        "capacity",
        "capacityWarnings",
        "exposure",
        "failover",
        "failureRecovery",
        "recovery",
        "sbcCalls",
      ]);
      expect(plan.figures.capacity.map((p: { tier: string }) => p.tier)).toEqual(["sbc", "web", "core"]);
      expect(plan.figures.capacityWarnings).toEqual([]);
      const printed = logs.join("\n");
      expect(printed).toContain("Resilience figures");
      expect(printed).toContain("every case stays within the limit");
      expect(printed).toContain(
        `calls per SBC: design ${plan.figures.sbcCalls.designCallsPerSbc} of ${plan.figures.sbcCalls.callCapacity} configured`,
      );
      expect(printed).toMatch(/Database per failure \(RPO, RTO\):\n {2}an AZ of site \w+ \(the primary's\): RPO none/);
    },
  );
});

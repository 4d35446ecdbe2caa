// `npm run plan` carries the policy verdict and the preflight: violations in the plan file, exit 1 on a
// mandatory policy violation or any preflight violation, and `--check` re-evaluates any saved plan.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RULES } from "../../policies/rules";
import { main, parseArgs } from "../../tools/plan/cli";
import { PlanDocument } from "../../tools/plan/document";
import type { PreflightReport } from "../../tools/preflight";
import { ROOT } from "../harness/program";

describe("plan CLI with policies", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-policy-"));
  const planFile = path.join(dir, "staging-use1.json");
  const logs: string[] = [];
  const errors: string[] = [];
  const io = { log: (t: string) => logs.push(t), error: (t: string) => errors.push(t) };
  let plan: PlanDocument;
  let preflight: PreflightReport;
  /** Exit 1 when the preflight finds anything (defects other issues are fixing may still be there). */
  const exitWithoutPolicyViolations = () => (preflight.violations.length > 0 ? 1 : 0);

  beforeAll(async () => {
    const code = await main(["--stack", "staging-use1", "--out", planFile], io);
    plan = JSON.parse(fs.readFileSync(planFile, "utf8"));
    preflight = plan.preflight as PreflightReport;
    expect(code).toBe(exitWithoutPolicyViolations());
  });

  it("prints the preflight beside the policy verdict, covering every kind the plan registers", () => {
    const kinds = new Set(plan.resources.filter((r) => r.custom).map((r) => r.type));
    expect(preflight.coverage.registered).toEqual([...kinds].sort());
    expect(preflight.coverage.unchecked).toEqual([]);
    expect(logs.join("\n")).toContain(`Preflight: ${kinds.size}/${kinds.size} resource kinds checked`);
  });

  it("--check runs the preflight on a hand-edited plan: exit 1, naming URN, property, value and rule", async () => {
    const edited = structuredClone(plan);
    const alb = edited.resources.find((r) => r.type === "aws:lb/loadBalancer:LoadBalancer")!;
    alb.inputs.name = "internal-use1-web";
    const editedFile = path.join(dir, "edited.json");
    fs.writeFileSync(editedFile, JSON.stringify(edited));
    logs.length = 0;
    expect(await main(["--check", editedFile], io)).toBe(1);
    expect(logs.join("\n")).toContain(
      `  ${alb.urn}\n    name = internal-use1-web: name: 1 to 32 letters, digits and hyphens, no hyphen at either end, not internal-`,
    );
  });

  it("writes policyViolations into the plan and prints the verdict after the summary", () => {
    expect(plan.policyViolations).toEqual([]);
    expect(logs.join("\n").indexOf("Policy violations")).toBeLessThan(logs.join("\n").indexOf("Preflight:"));
    expect(logs.join("\n")).toContain(
      `Policy violations: 0 mandatory, 0 advisory (${RULES.length} policies evaluated)`,
    );
  });

  it("--check passes the saved plan, and fails (exit 1) once it is edited to break a rule", async () => {
    expect(await main(["--check", planFile], io)).toBe(exitWithoutPolicyViolations());
    const broken = structuredClone(plan);
    const subnet = broken.resources.find(
      (r) => r.type === "aws:ec2/subnet:Subnet" && (r.inputs.tags as Record<string, string>).tier === "data",
    )!;
    subnet.inputs.mapPublicIpOnLaunch = true;
    const brokenFile = path.join(dir, "broken.json");
    fs.writeFileSync(brokenFile, JSON.stringify(broken));
    logs.length = 0;
    expect(await main(["--check", brokenFile], io)).toBe(1);
    expect(logs.join("\n")).toContain(
      `[mandatory] no-public-ip-mapping-on-core-or-data-subnets: ${subnet.name}: a data subnet maps public IPs on launch`,
    );
  });

  it("--check takes a policy config file: a rule set to advisory no longer fails the check", async () => {
    const broken = structuredClone(plan);
    broken.resources.find(
      (r) => r.type === "aws:ec2/subnet:Subnet" && (r.inputs.tags as Record<string, string>).tier === "core",
    )!.inputs.mapPublicIpOnLaunch = true;
    const brokenFile = path.join(dir, "broken-core.json");
    const configFile = path.join(dir, "advisory.json");
    fs.writeFileSync(brokenFile, JSON.stringify(broken));
    // The stack's own pack config (its allowlists), with that one rule turned down to advisory.
    const packConfig = JSON.parse(fs.readFileSync(path.join(ROOT, "policies", "policy-config.staging.json"), "utf8"));
    packConfig["no-public-ip-mapping-on-core-or-data-subnets"] = {
      ...packConfig["no-public-ip-mapping-on-core-or-data-subnets"],
      enforcementLevel: "advisory",
    };
    fs.writeFileSync(configFile, JSON.stringify(packConfig));
    expect(await main(["--check", brokenFile, "--policy-config", configFile], io)).toBe(exitWithoutPolicyViolations());
  });

  it("exits 2 on a bad policy config or a file that is not a plan", async () => {
    const badConfig = path.join(dir, "bad.json");
    fs.writeFileSync(badConfig, JSON.stringify({ "no-such-policy": "advisory" }));
    errors.length = 0;
    expect(await main(["--check", planFile, "--policy-config", badConfig], io)).toBe(2);
    expect(errors.join("\n")).toMatch(/unknown policies: no-such-policy/);
    expect(await main(["--check", badConfig], io)).toBe(2);
    expect(() => parseArgs(["--check", planFile, "--stack", "prod"])).toThrow(/--check takes only --policy-config/);
  });
});

// `npm run plan` carries the policy verdict: violations in the plan file, exit 1 on a mandatory one,
// and `--check` re-evaluates any saved plan.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RULES } from "../../policies/rules";
import { main, parseArgs } from "../../tools/plan/cli";
import { PlanDocument } from "../../tools/plan/document";
import { ROOT } from "../harness/program";

describe("plan CLI with policies", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-policy-"));
  const planFile = path.join(dir, "staging.json");
  const logs: string[] = [];
  const errors: string[] = [];
  const io = { log: (t: string) => logs.push(t), error: (t: string) => errors.push(t) };
  let plan: PlanDocument;

  beforeAll(async () => {
    expect(await main(["--stack", "staging", "--out", planFile], io)).toBe(0);
    plan = JSON.parse(fs.readFileSync(planFile, "utf8"));
  });

  it("writes policyViolations into the plan and prints the verdict after the summary", () => {
    expect(plan.policyViolations).toEqual([]);
    expect(logs.join("\n")).toContain(`Policy violations: 0 mandatory, 0 advisory (${RULES.length} policies evaluated)`);
  });

  it("--check passes the saved plan, and fails (exit 1) once it is edited to break a rule", async () => {
    expect(await main(["--check", planFile], io)).toBe(0);
    const broken = structuredClone(plan);
    const subnet = broken.resources.find((r) => r.type === "aws:ec2/subnet:Subnet" && (r.inputs.tags as Record<string, string>).tier === "data")!;
    subnet.inputs.mapPublicIpOnLaunch = true;
    const brokenFile = path.join(dir, "broken.json");
    fs.writeFileSync(brokenFile, JSON.stringify(broken));
    logs.length = 0;
    expect(await main(["--check", brokenFile], io)).toBe(1);
    expect(logs.join("\n")).toContain(`[mandatory] no-public-ip-mapping-on-core-or-data-subnets: ${subnet.name}: a data subnet maps public IPs on launch`);
  });

  it("--check takes a policy config file: a rule set to advisory no longer fails the check", async () => {
    const broken = structuredClone(plan);
    broken.resources.find((r) => r.type === "aws:ec2/subnet:Subnet" && (r.inputs.tags as Record<string, string>).tier === "core")!.inputs.mapPublicIpOnLaunch = true;
    const brokenFile = path.join(dir, "broken-core.json");
    const configFile = path.join(dir, "advisory.json");
    fs.writeFileSync(brokenFile, JSON.stringify(broken));
    // The stack's own pack config (its allowlists), with that one rule turned down to advisory.
    const packConfig = JSON.parse(fs.readFileSync(path.join(ROOT, "policies", "policy-config.staging.json"), "utf8"));
    packConfig["no-public-ip-mapping-on-core-or-data-subnets"] = { ...packConfig["no-public-ip-mapping-on-core-or-data-subnets"], enforcementLevel: "advisory" };
    fs.writeFileSync(configFile, JSON.stringify(packConfig));
    expect(await main(["--check", brokenFile, "--policy-config", configFile], io)).toBe(0);
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

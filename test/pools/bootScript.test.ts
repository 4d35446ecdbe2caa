import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BOOT_STEP_ATTEMPTS, agentBootScript } from "../../components/pools/userData";

/**
 * Runs the real boot script under bash with the host's commands replaced by stubs that log each call;
 * `dnf` fails its first `dnfFailures` calls (a network not there yet), then succeeds.
 */
function boot(dnfFailures: number): { status: number | null; calls: string[]; stderr: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "boot-"));
  try {
    const log = path.join(dir, "calls.log");
    const stub = (name: string, body: string) =>
      fs.writeFileSync(path.join(dir, name), `#!/bin/bash\necho "${name} $*" >> "${log}"\n${body}\n`, { mode: 0o755 });
    stub("dnf", `n=$(grep -c '^dnf ' "${log}"); [ "$n" -gt ${dnfFailures} ]`);
    ["systemctl", "amazon-cloudwatch-agent-ctl", "sleep"].forEach((name) => stub(name, "exit 0"));
    stub("logger", 'shift 3; echo "$*" >&2');
    const script = path.join(dir, "boot.sh");
    fs.writeFileSync(script, agentBootScript("eu-west-1", "AmazonCloudWatch-test"));
    const result = spawnSync("/bin/bash", [script], {
      env: { PATH: `${dir}:/usr/bin:/bin` },
      encoding: "utf8",
      timeout: 20_000,
    });
    const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
    return { status: result.status, calls, stderr: result.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("boot script, run with stubbed host commands", () => {
  it("retries a package download the network is not ready for, then installs and starts both agents", () => {
    const { status, calls } = boot(3);
    expect(status).toBe(0);
    expect(calls.filter((c) => c.startsWith("sleep "))).toEqual(["sleep 10", "sleep 20", "sleep 30"]);
    expect(calls.filter((c) => !/^(sleep|logger) /.test(c)).map((c) => c.split(" ").slice(0, 3).join(" "))).toEqual([
      ...Array(4).fill("dnf install -y"),
      "systemctl enable --now",
      "dnf install -y",
      "amazon-cloudwatch-agent-ctl -a fetch-config",
      "systemctl enable amazon-cloudwatch-agent",
    ]);
    expect(calls).toContain("amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c ssm:AmazonCloudWatch-test");
  });

  it("gives up after a bounded number of attempts, loudly, without running the later steps", () => {
    const { status, calls, stderr } = boot(1000);
    expect(status).toBe(1);
    expect(calls.filter((c) => c.startsWith("dnf "))).toHaveLength(BOOT_STEP_ATTEMPTS);
    expect(calls.filter((c) => c.startsWith("sleep "))).toHaveLength(BOOT_STEP_ATTEMPTS - 1);
    expect(calls.some((c) => c.startsWith("systemctl ") || c.startsWith("amazon-cloudwatch-agent-ctl "))).toBe(false);
    expect(stderr).toContain("BOOT FAILED: install the SSM agent");
  });
});

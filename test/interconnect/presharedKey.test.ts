import { PRESHARED_KEY_BODY, isValidPresharedKey, presharedKeyFrom } from "../../components/interconnect/presharedKey";
import { mockPassword } from "../../tools/mocks/resources";
import { Run, runStack } from "../harness/program";
import { stackConfig } from "../harness/config";
import { awsSitesOf } from "../../lib/model";
import { dataCentresHomedAt } from "../../lib/stacks/layout";

// AWS's rule for tunnel pre-shared keys, written out here independently of the code under test.
const AWS_PSK_RULE = /^[A-Za-z0-9._]{8,64}$/;

describe("tunnel pre-shared keys", () => {
  const SAMPLES = 5000;
  // Each sample goes through the same inputs and the same function the program uses.
  const bodies = Array.from({ length: SAMPLES }, (_, i) => mockPassword({ ...PRESHARED_KEY_BODY }, `psk-sample-${i}`));
  const keys = bodies.map(presharedKeyFrom);

  it("are always valid for AWS: 8-64 characters of letters, digits, '.' and '_', never starting with 0", () => {
    const invalid = keys.filter((k) => !AWS_PSK_RULE.test(k) || k.startsWith("0"));
    expect(invalid).toEqual([]);
    expect(keys.every(isValidPresharedKey)).toBe(true);
  });

  it("need the fixed first letter: raw random bodies do start with 0, '.' or '_' sometimes", () => {
    // Without the prefix the property above would fail; this proves the sample reaches that case.
    expect(bodies.filter((b) => b.startsWith("0")).length).toBeGreaterThan(0);
    expect(bodies.filter((b) => /^[._]/.test(b)).length).toBeGreaterThan(0);
  });

  it("use the whole allowed alphabet and differ from one another", () => {
    const used = new Set(keys.join(""));
    ["A", "z", "5", ".", "_"].forEach((c) => expect(used.has(c)).toBe(true));
    expect(new Set(keys).size).toBe(SAMPLES);
  });

  it("isValidPresharedKey refuses what AWS refuses", () => {
    expect(isValidPresharedKey("0abcdefgh")).toBe(false);
    expect(isValidPresharedKey("abc")).toBe(false);
    expect(isValidPresharedKey("a".repeat(65))).toBe(false);
    expect(isValidPresharedKey("abcdefg-h")).toBe(false);
    expect(isValidPresharedKey("Ab.cd_ef9")).toBe(true);
  });
});

describe("pre-shared keys in the prod stack", () => {
  let run: Run;
  beforeAll(async () => {
    run = await runStack("prod");
  });

  it("come from random passwords with exactly the inputs the property test covers", () => {
    const passwords = run.ofType("random:index/randomPassword:RandomPassword").filter((p) => p.name.endsWith("-psk"));
    expect(passwords).toHaveLength(run.ofType("aws:ec2/vpnConnection:VpnConnection").length * 2);
    passwords.forEach((p) => expect(p.inputs).toEqual(PRESHARED_KEY_BODY));
  });

  it("are secret in every VPN connection's inputs", () => {
    run.ofType("aws:ec2/vpnConnection:VpnConnection").forEach((vpn) => {
      expect(vpn.inputs.tunnel1PresharedKey).toBe("[secret]");
      expect(vpn.inputs.tunnel2PresharedKey).toBe("[secret]");
    });
  });

  it("and the customer-gateway configurations holding them are secret outputs", () => {
    // Each site's stack exports the configurations of the data centres homed there.
    const config = stackConfig("prod");
    const homed = awsSitesOf(config).flatMap((site) => {
      const configs = run.stacks[`prod-${site.name}`].outputs.dataCentreVpnConfigurations as Record<string, unknown>;
      expect(Object.keys(configs).sort()).toEqual(dataCentresHomedAt(config, site.name).sort());
      Object.values(configs).forEach((c) => expect(c).toBe("[secret]"));
      return Object.keys(configs);
    });
    expect([...new Set(homed)].sort()).toEqual(["mad-dc", "mia-dc"]);
  });
});

// Evidence, secrets and tags (S7, S8).
import { requiredTags } from "../../policies/rules/requiredTags";
import { vpcFlowLogsRequired } from "../../policies/rules/vpcFlowLogsRequired";
import { vpnPresharedKeysNotLiteral } from "../../policies/rules/vpnPresharedKeysNotLiteral";
import { failing, res, T, tags } from "./fixtures";

describe("vpc-flow-logs-required", () => {
  it("fails VPCs that no flow log refers to", async () => {
    const logged = res(T.vpc, "logged", { cidrBlock: "10.10.0.0/16" });
    const dark = res(T.vpc, "dark", { cidrBlock: "10.20.0.0/16" });
    const resources = [logged, dark, res(T.flowLog, "logged-flow", { trafficType: "ALL" }, { vpcId: logged })];
    expect(await failing(vpcFlowLogsRequired, resources)).toEqual(["dark"]);
  });
});

describe("vpn-preshared-keys-not-literal", () => {
  it("passes absent, secret, unknown and generated keys; fails literals", async () => {
    const password = res(T.random, "psk", { length: 32 });
    const resources = [
      password,
      res(T.vpn, "aws-generated", { customerGatewayId: "[unknown]", type: "ipsec.1" }),
      res(T.vpn, "secret", { tunnel1PresharedKey: "[secret]", tunnel2PresharedKey: "[secret]" }),
      res(T.vpn, "generated", {}, { tunnel1PresharedKey: password, tunnel2PresharedKey: password }),
      res(T.vpn, "literal-one", { tunnel1PresharedKey: "hunter2hunter2", tunnel2PresharedKey: "[secret]" }),
      res(T.vpn, "literal-both", { tunnel1PresharedKey: "abcdefgh1", tunnel2PresharedKey: "abcdefgh2" }),
    ];
    expect(await failing(vpnPresharedKeysNotLiteral, resources)).toEqual(["literal-both", "literal-one"]);
  });
});

describe("required-tags-present", () => {
  const provider = res(T.awsProvider, "use1-aws", {
    region: "us-east-1",
    defaultTags: JSON.stringify({
      tags: { project: "callmyway", environment: "prod", site: "use1", "managed-by": "pulumi" },
    }),
  });
  it("accepts own tags and provider default tags; fails missing keys and unknown tiers", async () => {
    const resources = [
      provider,
      res(T.vpc, "fully-tagged", { tags: tags("network") }),
      res(T.subnet, "tier-only-with-defaults", { tags: { tier: "core" } }, {}, { provider: provider.urn }),
      res(T.asg, "asg-list-tags", {
        tags: ["project", "environment", "site", "tier", "managed-by"].map((key) => ({
          key,
          value: key === "tier" ? "web" : "x",
          propagateAtLaunch: true,
        })),
      }),
      res(T.route, "untaggable-route", { destinationCidrBlock: "0.0.0.0/0" }),
      res(T.subnet, "no-tier-with-defaults", { tags: {} }, {}, { provider: provider.urn }),
      res(T.subnet, "no-defaults", { tags: { tier: "core" } }),
      res(T.subnet, "bad-tier", { tags: tags("dmz") }),
    ];
    expect(await failing(requiredTags, resources)).toEqual(["bad-tier", "no-defaults", "no-tier-with-defaults"]);
  });
});

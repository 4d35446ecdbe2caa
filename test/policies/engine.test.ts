// The offline engine runs rules with the Pulumi engine's semantics (see @pulumi/policy server.js).
import type { PolicyResource } from "../../policies/lib/types";
import type { Rule } from "../../policies/lib/rule";
import { RULES } from "../../policies/rules";
import { evaluatePolicies, mandatoryViolations } from "../../tools/policy/engine";
import * as aws from "@pulumi/aws";
import {
  checkPolicyNames,
  parsePolicyConfig,
  PolicyConfigError,
  RuleConfigEntry,
} from "../../tools/policy/policyConfig";
import { ownTags } from "../../policies/lib/resources";
import { res, T, tags } from "./fixtures";

const sg = res(T.sg, "core-sg", { tags: tags("core"), vpcId: "[unknown]" });
const provider = res(T.awsProvider, "use1-aws", { region: "us-east-1" });
const rule = res(
  T.ingress,
  "rule",
  { cidrIpv4: "10.0.0.0/8" },
  { securityGroupId: sg },
  { parent: sg.urn, provider: provider.urn },
);

/** A resource rule that reads a property without guarding it. */
const readsVpcId: Rule = {
  name: "reads-vpc-id",
  description: "test",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type === T.sg && args.props.vpcId !== "vpc-1") report("wrong vpc");
  },
};

const configurable: Rule = {
  name: "configurable",
  description: "test",
  enforcementLevel: "mandatory",
  configSchema: { properties: { limit: { type: "integer", default: 2 }, label: { type: "string" } } },
  validateResource: (args, report) => {
    if (args.type !== T.sg) return;
    const { limit, label } = args.getConfig<{ limit: number; label?: string }>();
    report(`limit=${limit} label=${label ?? "-"}`);
  },
};

describe("offline policy engine", () => {
  it("reports a policy that touches an unknown value as advisory 'can't run during preview', never as a failure", async () => {
    const violations = await evaluatePolicies([sg], { rules: [readsVpcId] });
    expect(violations).toEqual([
      {
        policy: "reads-vpc-id",
        enforcementLevel: "advisory",
        urn: sg.urn,
        message: "can't run policy 'reads-vpc-id' during preview: value at .vpcId can't be known during preview",
      },
    ]);
    expect(mandatoryViolations(violations)).toEqual([]);
  });

  it("gives stack policies parent, dependencies, property dependencies and provider as resources", async () => {
    let seen: PolicyResource | undefined;
    const spy: Rule = {
      name: "spy",
      description: "test",
      validateStack: (args) => {
        seen = args.resources.find((r) => r.name === "rule");
      },
    };
    await evaluatePolicies([provider, sg, rule], { rules: [spy] });
    expect(seen?.parent?.name).toBe("core-sg");
    expect(seen?.dependencies.map((d) => d.name)).toEqual(["core-sg"]);
    expect(seen?.propertyDependencies.securityGroupId.map((d) => d.name)).toEqual(["core-sg"]);
    expect(seen?.provider?.props.region).toBe("us-east-1");
    expect(seen?.opts.parent).toBe(sg.urn);
  });

  it("applies enforcement levels from config: advisory, disabled, remediate reported as mandatory", async () => {
    const vpc1 = res(T.sg, "known-sg", { vpcId: "vpc-2" });
    const level = async (entry: RuleConfigEntry | undefined) =>
      (
        await evaluatePolicies([vpc1], {
          rules: [readsVpcId],
          config: entry === undefined ? {} : { "reads-vpc-id": entry },
        })
      ).map((v) => v.enforcementLevel);
    expect(await level(undefined)).toEqual(["mandatory"]);
    expect(await level("advisory")).toEqual(["advisory"]);
    expect(await level({ enforcementLevel: "disabled" })).toEqual([]);
    expect(await level("remediate")).toEqual(["mandatory"]);
    const invalid = parsePolicyConfig('{ "reads-vpc-id": "blocking" }', "test");
    await expect(evaluatePolicies([vpc1], { rules: [readsVpcId], config: invalid })).rejects.toThrow(PolicyConfigError);
  });

  it("fills config defaults from the schema, lets the file override them, and refuses unknown keys and wrong types", async () => {
    const run = (config: Record<string, unknown>) =>
      evaluatePolicies([sg], { rules: [configurable], config: { configurable: config } });
    expect((await run({})).map((v) => v.message)).toEqual(["limit=2 label=-"]);
    expect((await run({ limit: 5, label: "x" })).map((v) => v.message)).toEqual(["limit=5 label=x"]);
    await expect(run({ limt: 5 })).rejects.toThrow(/unknown key "limt"/);
    await expect(run({ limit: "5" })).rejects.toThrow(/"limit" must be integer/);
  });

  it("refuses config for policies the pack does not have", () => {
    expect(() => checkPolicyNames({ "no-such-policy": "advisory" }, RULES)).toThrow(/no-such-policy/);
  });

  it("treats notApplicable as no finding, and surfaces a rule's own error naming the policy", async () => {
    const skip: Rule = { name: "skip", description: "test", validateResource: (args) => args.notApplicable("never") };
    expect(await evaluatePolicies([sg], { rules: [skip] })).toEqual([]);
    const broken: Rule = {
      name: "broken",
      description: "test",
      validateResource: () => {
        throw new Error("boom");
      },
    };
    await expect(evaluatePolicies([sg], { rules: [broken] })).rejects.toThrow(/policy 'broken': boom/);
  });

  it("answers isType/asType from the class's Pulumi type token", async () => {
    const found: unknown[] = [];
    const typed: Rule = {
      name: "typed",
      description: "test",
      validateResource: (args) => {
        found.push(args.isType(aws.ec2.SecurityGroup), args.isType(aws.ec2.Vpc), args.asType(aws.ec2.Vpc));
      },
    };
    await evaluatePolicies([sg], { rules: [typed] });
    expect(found).toEqual([true, false, undefined]);
  });

  it("judges a plan changed between two evaluations on its new values (nothing remembered outlives one)", async () => {
    const tagged = res(T.sg, "web-sg", { tags: tags("web"), vpcId: "vpc-1" });
    const readsTier: Rule = {
      name: "reads-tier",
      description: "test",
      enforcementLevel: "mandatory",
      validateResource: (args, report) => {
        // Through the pack's tag reader, which remembers tags per props object.
        const tier = ownTags(args).tier;
        if (tier !== "web") report(`tier is ${tier}`);
      },
    };
    expect(await evaluatePolicies([tagged], { rules: [readsTier] })).toEqual([]);
    (tagged.inputs.tags as Record<string, string>).tier = "core";
    const second = await evaluatePolicies([tagged], { rules: [readsTier] });
    expect(second.map((v) => v.message)).toEqual(["tier is core"]);
  });

  it("hands every rule its config read-only, so no rule can change what the next one reads", async () => {
    const writesConfig: Rule = {
      ...configurable,
      name: "writes-config",
      validateResource: (args) => {
        args.getConfig<{ limit: number }>().limit = 99;
      },
    };
    await expect(evaluatePolicies([sg], { rules: [writesConfig] })).rejects.toThrow(/writes-config/);
  });

  it("sorts violations by policy, urn and message whatever the resource order", async () => {
    const a = res(T.sg, "a", { vpcId: "x" });
    const b = res(T.sg, "b", { vpcId: "y" });
    const first = await evaluatePolicies([b, a], { rules: [configurable, readsVpcId] });
    const second = await evaluatePolicies([a, b], { rules: [readsVpcId, configurable] });
    expect(first).toEqual(second);
    expect(first.map((v) => `${v.policy}:${v.urn.split("::").pop()}`)).toEqual([
      "configurable:a",
      "configurable:b",
      "reads-vpc-id:a",
      "reads-vpc-id:b",
    ]);
  });
});

describe("the pack's rules", () => {
  it("have unique names, a description, an enforcement level and a severity; security rules are mandatory", () => {
    const names = RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    RULES.forEach((r) => {
      expect(r.description.length).toBeGreaterThan(20);
      expect(r.severity).toBeDefined();
      expect(r.enforcementLevel).toBe("mandatory");
      expect(r.name).toMatch(/^[a-z0-9-]+$/);
    });
  });
});

import { MOCK_ACCOUNT_ID, ProviderMocks } from "../tools/mocks";
import { getAmiAnswer } from "../tools/mocks/images";
import { mockId } from "../tools/mocks/resources";

/** Registers one resource with the mocks as `pulumi up` would; the mocks refuse what the API refuses. */
function create(mocks: ProviderMocks, type: string, name: string, inputs: Record<string, unknown>, provider?: string) {
  return mocks.newResource({ type, name, inputs, custom: true, provider, id: undefined } as never);
}

const TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const INSTANCE = "aws:ec2/instance:Instance";

describe("provider mocks refuse what AWS refuses", () => {
  it("give Elastic IPs the provider's ARN (elastic-ip/<allocation>), which Shield does not accept", () => {
    const mocks = new ProviderMocks({ preview: false, defaultRegion: "eu-west-1" });
    const eip = create(mocks, "aws:ec2/eip:Eip", "e", { domain: "vpc" });
    const allocation = mockId("aws:ec2/eip:Eip", "e");
    expect(eip.state.allocationId).toBe(allocation);
    expect(eip.state.arn).toBe(`arn:aws:ec2:eu-west-1:${MOCK_ACCOUNT_ID}:elastic-ip/${allocation}`);
    const shield = (resourceArn: unknown) => () =>
      create(mocks, "aws:shield/protection:Protection", "p", { name: "p", resourceArn });
    expect(shield(eip.state.arn)).toThrow(/InvalidResourceException: .*eip-allocation/);
    expect(shield(`arn:aws:ec2:eu-west-1:${MOCK_ACCOUNT_ID}:eip-allocation/${allocation}`)).not.toThrow();
  });

  it("refuse an instance whose associatePublicIpAddress sends a network interface beside the template's groups", () => {
    const mocks = new ProviderMocks({ preview: false });
    const withGroups = create(mocks, TEMPLATE, "with-groups", { vpcSecurityGroupIds: ["sg-1"] });
    const withoutGroups = create(mocks, TEMPLATE, "without-groups", {});
    const instance = (template: string, extra: Record<string, unknown>) => () =>
      create(mocks, INSTANCE, "i", { launchTemplate: { id: template, version: "1" }, subnetId: "subnet-1", ...extra });
    expect(instance(withGroups.id!, { associatePublicIpAddress: false })).toThrow(
      /InvalidParameterCombination: Network interfaces and an instance-level security groups/,
    );
    expect(instance(withGroups.id!, { associatePublicIpAddress: true, vpcSecurityGroupIds: ["sg-1"] })).toThrow(
      /InvalidParameterCombination/,
    );
    expect(instance(withoutGroups.id!, { associatePublicIpAddress: true })).toThrow(/without security groups/);
    // Accepted: groups on the instance's interface and none in the template; or no interface at all.
    expect(
      instance(withoutGroups.id!, { associatePublicIpAddress: true, vpcSecurityGroupIds: ["sg-1"] }),
    ).not.toThrow();
    expect(instance(withGroups.id!, {})).not.toThrow();
  });
});

describe("provider mocks answer like AWS", () => {
  it("give a name the same ACM validation CNAME in every region and certificate of the account", () => {
    const mocks = new ProviderMocks({ preview: false });
    const providerIn = (region: string) =>
      `urn:pulumi:test::p::pulumi:providers:aws::${region}::${create(mocks, "pulumi:providers:aws", region, { region }).id}`;
    const certificate = (name: string, region: string, names: string[]) =>
      create(
        mocks,
        "aws:acm/certificate:Certificate",
        name,
        { domainName: names[0], subjectAlternativeNames: names.slice(1) },
        providerIn(region),
      );
    const east = certificate("east", "us-east-1", ["www.example.com", "api.example.com"]);
    const west = certificate("west", "us-west-2", ["api.example.com"]);
    expect(east.state.arn).toMatch(/^arn:aws:acm:us-east-1:/);
    expect(west.state.arn).toMatch(/^arn:aws:acm:us-west-2:/);
    const option = (c: typeof east, domain: string) =>
      (c.state.domainValidationOptions as { domainName: string }[]).find((o) => o.domainName === domain);
    expect(option(west, "api.example.com")).toEqual(option(east, "api.example.com"));
    expect(option(east, "www.example.com")).not.toEqual({
      ...option(east, "api.example.com"),
      domainName: "www.example.com",
    });
  });
});

describe("getAmi answers like EC2 about deprecated images", () => {
  const byName = (name: string, extra: Record<string, unknown> = {}) => ({
    owners: ["309956199498"],
    filters: [{ name: "name", values: [name] }],
    ...extra,
  });
  const now = new Date(Date.UTC(2026, 11, 2));
  const deprecatedName = "RHEL-9.4.0_HVM-20240605-x86_64-82-Hourly2-GP3";

  it("leaves out a public image two years after its creation unless includeDeprecated is set", () => {
    expect(() => getAmiAnswer(byName(deprecatedName), "us-east-1", now)).toThrow(
      /Your query returned no results.*deprecated on 2026-06-05/,
    );
    const found = getAmiAnswer(byName(deprecatedName, { includeDeprecated: true }), "us-east-1", now);
    expect(found).toMatchObject({
      name: deprecatedName,
      creationDate: "2024-06-05T00:00:00.000Z",
      deprecationTime: "2026-06-05T00:00:00.000Z",
    });
  });

  it("finds an image younger than two years without includeDeprecated", () => {
    const found = getAmiAnswer(byName("RHEL-9.6.0_HVM-20250513-x86_64-0-Hourly2-GP3"), "us-east-1", now);
    expect(found.deprecationTime).toBe("2027-05-13T00:00:00.000Z");
    expect(getAmiAnswer(byName(deprecatedName), "us-east-1", new Date(Date.UTC(2026, 5, 4)))).toMatchObject({
      name: deprecatedName,
    });
  });
});

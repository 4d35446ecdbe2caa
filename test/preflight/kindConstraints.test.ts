import { KIND_CONSTRAINTS, runPreflight } from "../../tools/preflight";
import { res, view } from "./fragments";

const cases = Object.entries(KIND_CONSTRAINTS).flatMap(([kind, constraints]) =>
  constraints.map((c) => [kind, c.rule, c] as const),
);

describe("every input constraint of every kind", () => {
  it("cites the document it comes from", () => {
    expect(cases.length).toBeGreaterThan(300);
    cases.forEach(([kind, rule, c]) =>
      expect(`${kind} ${rule}: ${c.source}`).toMatch(/: https:\/\/[a-z0-9.-]+\.[a-z]+\//),
    );
  });

  it.each(cases)(
    "%s: %s — accepts the compliant example and refuses the broken one, naming URN, property and value",
    (kind, rule, c) => {
      const ok = res(kind, "ok", c.examples.ok);
      expect(c.check(ok, view([ok]))).toEqual([]);
      const bad = res(kind, "bad", c.examples.bad);
      const found = c.check(bad, view([bad]));
      expect(found.length).toBeGreaterThan(0);
      found.forEach((v) => {
        expect(v).toMatchObject({ urn: bad.urn, rule, source: c.source });
        expect(v.property.length).toBeGreaterThan(0);
      });
    },
  );

  it("skip values a preview does not know (unknown or secret), rather than guess", () => {
    const group = res("aws:ec2/securityGroup:SecurityGroup", "g", { description: "[unknown]", name: "[secret]" });
    expect(runPreflight(view([group])).violations).toEqual([]);
  });
});

describe("the defects of issue 12 the input constraints catch", () => {
  it("an apostrophe in a security group or rule description", () => {
    const group = res("aws:ec2/securityGroup:SecurityGroup", "web", {
      description: "Web hosts: HTTP from the site's ALB only",
      vpcId: "vpc-1",
    });
    const rule = res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "in", {
      description: "from the site's ALB",
      securityGroupId: "sg-1",
      ipProtocol: "tcp",
      fromPort: 80,
      toPort: 80,
      cidrIpv4: "10.0.0.0/16",
    });
    const found = runPreflight(view([group, rule])).violations.map((v) => [
      v.urn.split("::").pop(),
      v.property,
      v.value,
    ]);
    expect(found).toEqual([
      ["web", "description", "Web hosts: HTTP from the site's ALB only"],
      ["in", "description", "from the site's ALB"],
    ]);
  });

  it("a Shield protection given the Elastic IP's own ARN instead of its allocation ARN", () => {
    const protection = (resourceArn: string) =>
      res("aws:shield/protection:Protection", "p", { name: "use1-pools-sbc-0", resourceArn });
    const allocation = protection("arn:aws:ec2:us-east-1:123456789012:eip-allocation/eipalloc-0123456789abcdef0");
    expect(runPreflight(view([allocation])).violations).toEqual([]);
    const eip = protection("arn:aws:ec2:us-east-1:123456789012:elastic-ip/eipalloc-0123456789abcdef0");
    expect(runPreflight(view([eip])).violations.map((v) => v.property)).toEqual(["resourceArn"]);
  });
});

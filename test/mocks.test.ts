import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { CLOUDFLARE_IPV4, ProviderMocks } from "../tools/mocks";
import { mockPassword } from "../tools/mocks/resources";
import { mustParseCidr, overlaps, parseIp } from "../lib/ipv4";
import { runComponent } from "./harness/program";

/** Resolves an output's value inside a mocked run (up mode: values are known). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

describe("provider mocks", () => {
  it("answer availability zones for the provider's own region", async () => {
    let zones: Promise<string[]> = Promise.resolve([]);
    await runComponent(() => {
      const provider = new aws.Provider("sa", { region: "sa-east-1" });
      zones = valueOf(aws.getAvailabilityZonesOutput({ state: "available" }, { provider }).names);
    });
    expect(await zones).toEqual(["sa-east-1a", "sa-east-1b", "sa-east-1c"]);
  });

  it("resolve an exact AMI name to one stable image per region", async () => {
    const ids: Promise<string>[] = [];
    await runComponent(() => {
      ["us-east-1", "eu-west-1"].forEach((region) => {
        const provider = new aws.Provider(region, { region });
        const args = {
          owners: ["309956199498"],
          filters: [{ name: "name", values: ["RHEL-9.4.0_HVM-x"] }],
          mostRecent: false,
        };
        ids.push(
          valueOf(aws.ec2.getAmiOutput(args, { provider }).id),
          valueOf(aws.ec2.getAmiOutput(args, { provider }).id),
        );
      });
    });
    const [a1, a2, b1] = await Promise.all(ids);
    expect(a1).toMatch(/^ami-[0-9a-f]{17}$/);
    expect(a2).toBe(a1);
    expect(b1).not.toBe(a1);
  });

  it("return Cloudflare's published ranges", async () => {
    let ranges: Promise<string[]> = Promise.resolve([]);
    await runComponent(() => {
      ranges = valueOf(cloudflare.getIpRangesOutput({}, { provider: new cloudflare.Provider("cf", {}) }).ipv4Cidrs);
    });
    expect(await ranges).toEqual(CLOUDFLARE_IPV4);
    expect(CLOUDFLARE_IPV4).toContain("173.245.48.0/20");
  });

  it("give Elastic IPs addresses from the documentation ranges, and ids and ARNs shaped like AWS's", async () => {
    const doc = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"].map(mustParseCidr);
    let ip = "";
    let vpc = { id: "", arn: "" };
    await runComponent(() => {
      const provider = new aws.Provider("eu", { region: "eu-west-1" });
      const eip = new aws.ec2.Eip("e", { domain: "vpc" }, { provider });
      const v = new aws.ec2.Vpc("v", { cidrBlock: "10.0.0.0/16" }, { provider });
      eip.publicIp.apply((x) => (ip = x));
      pulumi.all([v.id, v.arn]).apply(([id, arn]) => (vpc = { id, arn }));
    });
    expect(parseIp(ip)).toBeDefined();
    expect(doc.some((range) => overlaps(range, mustParseCidr(`${ip}/32`)))).toBe(true);
    expect(vpc.id).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(vpc.arn).toBe(`arn:aws:ec2:eu-west-1:123456789012:vpc/${vpc.id}`);
  });

  it("refuse an invoke they do not know, naming it in the gRPC details the runtime reports", () => {
    const mocks = new ProviderMocks({ preview: false });
    const refusal = (() => {
      try {
        mocks.call({ token: "aws:ec2/getVpc:getVpc", inputs: {}, provider: undefined });
      } catch (err) {
        return err as Error & { details?: string };
      }
      return undefined;
    })();
    expect(refusal?.message).toMatch(/no mock answers the invoke aws:ec2\/getVpc:getVpc/);
    expect(refusal?.details).toBe(refusal?.message);
  });

  it("generate passwords that honour length, classes, minimums and overrideSpecial", () => {
    const p = mockPassword({ length: 40, special: true, overrideSpecial: "._", minNumeric: 5, upper: false }, "seed");
    expect(p).toHaveLength(40);
    expect(p).toMatch(/^[a-z0-9._]+$/);
    expect(p.replace(/[^0-9]/g, "").length).toBeGreaterThanOrEqual(5);
    expect(mockPassword({ length: 40 }, "seed2")).not.toBe(mockPassword({ length: 40 }, "seed3"));
  });
});

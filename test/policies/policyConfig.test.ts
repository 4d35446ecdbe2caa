// The pack's config comes from the stack file, so the pack checks what the program builds.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main as policyConfigMain } from "../../tools/policy/cli";
import {
  policyConfigFor,
  policyConfigForStack,
  policyConfigPath,
  serializePolicyConfig,
} from "../../tools/policy/fromStack";
import { amiLookupViolations } from "../../tools/policy/amiLookups";
import { stackConfig } from "../harness/config";
import { CLOUDFLARE_IPV4, CLOUDFLARE_IPV6 } from "../../tools/mocks/invokes";

describe("policy config generated from the stack file", () => {
  const prod = policyConfigForStack("prod") as Record<string, Record<string, unknown>>;
  const staging = policyConfigForStack("staging") as Record<string, Record<string, unknown>>;

  it("allowlists exactly the carriers' and customers' CIDRs, and the ports the model opens on the SBCs", () => {
    expect(prod["sbc-ingress-only-from-allowlisted-carriers-and-customers"]).toEqual({
      allowedCidrs: [
        "152.44.18.0/28",
        "152.44.19.0/28",
        "177.54.128.0/24",
        "177.54.20.0/28",
        "64.16.10.0/28",
        "64.16.11.0/28",
        "64.16.64.0/24",
        "80.231.10.0/28",
        "80.231.128.0/24",
        "91.121.30.0/29",
      ],
      // SIP, SIP-TLS and the stack's RTP range, as the model's SBC rules open them (not a copy of the numbers).
      allowedPortRanges: [
        { fromPort: 5060, toPort: 5060 },
        { fromPort: 5061, toPort: 5061 },
        { fromPort: 10000, toPort: 20000 },
      ],
    });
  });

  it("follows the model when the SBCs' ports change: another RTP range is admitted, the old one is not", () => {
    const config = stackConfig("staging");
    const moved = policyConfigFor({ ...config, ports: { ...config.ports, rtp: { from: 30000, to: 31000 } } });
    const ranges = (moved["sbc-ingress-only-from-allowlisted-carriers-and-customers"] as { allowedPortRanges: unknown })
      .allowedPortRanges;
    expect(ranges).toContainEqual({ fromPort: 30000, toPort: 31000 });
    expect(ranges).not.toContainEqual({ fromPort: 10000, toPort: 20000 });
    expect((moved["reachability-matches-design"] as { sbcPortRanges: unknown }).sbcPortRanges).toEqual(ranges);
  });

  it("lets the admin VPN reach only the model's admin destinations: every AWS site's core block", () => {
    expect(prod["no-client-vpn-authorization-to-internet"]).toEqual({
      allowedTargetCidrs: ["10.10.128.0/18", "10.20.128.0/18", "10.30.128.0/18"],
    });
  });

  it("lists the validated RHEL names and owners, and each stack's web names", () => {
    const ids = stackConfig("prod").rhel[0].amiIds!;
    expect(prod["images-only-from-validated-rhel-list"]).toEqual({
      validatedImages: Object.fromEntries(
        Object.entries(ids)
          .sort()
          .map(([region, id]) => [region, [id]]),
      ),
      allowedImageNames: ["RHEL-9.4.0_HVM-20240605-x86_64-82-Hourly2-GP3"],
      allowedImageOwners: ["309956199498"],
    });
    // Staging runs each release in one region: each region validates only its own release's id.
    expect(staging["images-only-from-validated-rhel-list"].validatedImages).toEqual(
      Object.fromEntries(
        stackConfig("staging")
          .rhel.flatMap((r) => Object.entries(r.amiIds!))
          .sort()
          .map(([region, id]) => [region, [id]]),
      ),
    );
    expect(prod["cloudflare-web-records-proxied"]).toEqual({
      webHostnames: ["api", "api.callmyway.com", "portal", "portal.callmyway.com", "www", "www.callmyway.com"],
    });
    expect(staging["cloudflare-web-records-proxied"]).toEqual({
      webHostnames: ["portal.staging", "portal.staging.callmyway.com", "www.staging", "www.staging.callmyway.com"],
    });
  });

  it("gives the web rule no copy of Cloudflare's ranges: it reads them from Cloudflare's API when it runs", () => {
    expect(prod["web-ingress-only-from-cloudflare"]).toEqual({ allowedPorts: [80, 443] });
    expect(staging["web-ingress-only-from-cloudflare"]).toEqual({ allowedPorts: [80, 443] });
  });

  it("carries no copy of Cloudflare's ranges anywhere: the reachability rule names the source, its ranges are read at evaluation", () => {
    const committed = [prod, staging].map((c) => JSON.stringify(c));
    [...CLOUDFLARE_IPV4, ...CLOUDFLARE_IPV6].forEach((range) =>
      committed.forEach((c) => expect(c).not.toContain(`"${range}"`)),
    );
    const sources = (c: Record<string, Record<string, unknown>>) =>
      (c["reachability-matches-design"] as unknown as { namedSources: { kind: string; cidrs: string[] }[] })
        .namedSources;
    expect(sources(prod).filter((s) => s.kind === "cloudflare")).toEqual([
      { name: "Cloudflare", kind: "cloudflare", cidrs: [] },
    ]);
  });

  it.each(["prod", "staging"])("is committed up to date for %s (CI passes it to pulumi preview)", (stack) => {
    expect(fs.readFileSync(policyConfigPath(stack), "utf8")).toBe(serializePolicyConfig(policyConfigForStack(stack)));
  });

  it("npm run policy-config writes the file, and refuses a missing stack with exit 2", () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-")), "prod.json");
    const quiet = { log: () => undefined, error: jest.fn() };
    expect(policyConfigMain(["--stack", "prod", "--out", out], quiet)).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, "utf8"))).toEqual(prod);
    expect(policyConfigMain(["--stack", "nosuch", "--out", out], quiet)).toBe(2);
    expect(policyConfigMain(["--out", out], quiet)).toBe(2);
  });

  it("names a bad flag or a missing value, and shows the usage", () => {
    const errors: string[] = [];
    const io = { log: () => undefined, error: (t: string) => errors.push(t) };
    expect(policyConfigMain(["--stack", "prod", "--colour", "x"], io)).toBe(2);
    expect(policyConfigMain(["--stack"], io)).toBe(2);
    expect(policyConfigMain(["prod"], io)).toBe(2);
    expect(errors.map((e) => e.split("\n")[0])).toEqual([
      "unknown argument --colour",
      "--stack needs a value",
      "unexpected argument prod: every value follows its --flag",
    ]);
    expect(errors.every((e) => e.includes("usage: npm run policy-config"))).toBe(true);
  });
});

describe("AMI look-ups (the invoke side of the validated image list)", () => {
  const config = {
    "images-only-from-validated-rhel-list": {
      allowedImageNames: ["RHEL-9.4.0_HVM"],
      allowedImageOwners: ["309956199498"],
    },
  };
  const lookup = (inputs: Record<string, unknown>) => ({
    inputs: { owners: ["309956199498"], filters: [{ name: "name", values: ["RHEL-9.4.0_HVM"] }], ...inputs },
  });

  it("accepts one exact validated name from a validated owner", () => {
    expect(amiLookupViolations([lookup({})], config)).toEqual([]);
  });

  it("refuses mostRecent, wildcards, unvalidated names, foreign or missing owners", () => {
    const messages = amiLookupViolations(
      [
        lookup({ mostRecent: true }),
        lookup({ filters: [{ name: "name", values: ["RHEL-9.*"] }] }),
        lookup({ filters: [{ name: "name", values: ["RHEL-9.6.0_HVM"] }] }),
        lookup({ owners: ["123456789012"] }),
        lookup({ owners: [] }),
      ],
      config,
    ).map((v) => v.message);
    expect(messages).toEqual([
      "getAmi RHEL-9.4.0_HVM: mostRecent is true (the newest image, not a validated one)",
      'getAmi RHEL-9.*: name "RHEL-9.*" is a wildcard',
      'getAmi RHEL-9.6.0_HVM: name "RHEL-9.6.0_HVM" is not a validated RHEL release',
      "getAmi RHEL-9.4.0_HVM: owner 123456789012 is not a validated image owner",
      "getAmi RHEL-9.4.0_HVM: no owners: any account could publish that name",
    ]);
  });
});

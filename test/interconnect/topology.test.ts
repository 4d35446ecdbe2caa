import * as aws from "@pulumi/aws";
import { DataCentreVpn } from "../../components/interconnect/dataCentreVpn";
import { cidrsViaPeer, onpremSites, peeringPairs } from "../../components/interconnect/topology";
import { homeSitesOf } from "../../lib/model";
import { validateConfig } from "../../config";
import { rawStackConfig } from "../harness/config";
import { runComponent } from "../harness/program";

describe("interconnect topology", () => {
  it("pairs every two sites once: n(n-1)/2", () => {
    [1, 2, 3, 5, 10].forEach((n) => {
      const pairs = peeringPairs(Array.from({ length: n }, (_, i) => i));
      expect(pairs).toHaveLength((n * (n - 1)) / 2);
      expect(new Set(pairs.map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`)).size).toBe(pairs.length);
      pairs.forEach(([a, b]) => expect(a).not.toBe(b));
    });
  });

  it("dual-homes a data centre: default first two AWS sites, a single listed home completed with another site", () => {
    const raw = rawStackConfig("prod");
    raw.sites[3].homeSites = ["euw1"];
    delete raw.sites[4].homeSites;
    const config = validateConfig(raw);
    const [mia, mad] = onpremSites(config);
    expect(homeSitesOf(config, mia)).toEqual(["euw1", "use1"]);
    expect(homeSitesOf(config, mad)).toEqual(["use1", "sae1"]);
  });

  it("keeps a single home when there is only one AWS site", () => {
    const raw = rawStackConfig("staging");
    raw.sites = raw.sites.filter((s: { name: string }) => s.name !== "euw1");
    const config = validateConfig(raw);
    expect(homeSitesOf(config, onpremSites(config)[0])).toEqual(["use1"]);
  });

  it("sends a data centre over a peering only from sites where it is not homed, towards its first home", () => {
    const config = validateConfig(rawStackConfig("prod"));
    // mia-dc: homes use1, sae1. mad-dc: homes euw1, use1.
    expect(cidrsViaPeer(config, "use1", "sae1")).toEqual(["10.20.0.0/16"]);
    expect(cidrsViaPeer(config, "euw1", "use1")).toEqual(["10.10.0.0/16", "10.110.0.0/16"]);
    expect(cidrsViaPeer(config, "sae1", "euw1")).toEqual(["10.30.0.0/16", "10.130.0.0/16"]);
  });
});

describe("data-centre customer gateways", () => {
  it("put a 32-bit private ASN in bgpAsnExtended and a 16-bit one in bgpAsn, both as strings", async () => {
    const run = await runComponent(() => {
      const provider = new aws.Provider("use1", { region: "us-east-1" });
      const home = {
        site: "use1",
        provider,
        transitGatewayId: "tgw-0123456789abcdef0",
        insideCidrs: ["169.254.10.0/30", "169.254.10.4/30"] as const,
        tags: {},
      };
      new DataCentreVpn("wide", {
        environment: "test",
        dataCentre: "wide",
        devicePublicIp: "85.62.44.10",
        deviceAsn: 4200000001,
        homes: [home],
      });
      new DataCentreVpn("narrow", {
        environment: "test",
        dataCentre: "narrow",
        devicePublicIp: "85.62.44.11",
        deviceAsn: 65001,
        homes: [home],
      });
    });
    const gateways = run.ofType("aws:ec2/customerGateway:CustomerGateway");
    const wide = gateways.find((g) => g.name === "wide-use1")!;
    const narrow = gateways.find((g) => g.name === "narrow-use1")!;
    expect([wide.inputs.bgpAsn, wide.inputs.bgpAsnExtended]).toEqual([undefined, "4200000001"]);
    expect([narrow.inputs.bgpAsn, narrow.inputs.bgpAsnExtended]).toEqual(["65001", undefined]);
  });
});

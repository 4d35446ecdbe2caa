import { buildTrunkTable, parameterTierFor, trunkParameterName } from "../../lib/model/trunkTable";
import { stackConfig } from "../harness/config";

const carrier = (name: string, destinations: string[], signallingCidrs = ["64.16.10.0/28"]) => ({
  name,
  signallingCidrs,
  mediaCidrs: ["64.16.64.0/24"],
  destinations,
});

describe("trunk routing table", () => {
  it("lists each destination's carriers in config order, not alphabetically", () => {
    const table = buildTrunkTable([
      carrier("zeta", ["MX", "US"]),
      carrier("alpha", ["US", "MX"]),
      carrier("mu", ["MX"]),
    ]);
    expect(table.destinations).toEqual({ MX: ["zeta", "alpha", "mu"], US: ["zeta", "alpha"] });
    const reversed = buildTrunkTable([
      carrier("mu", ["MX"]),
      carrier("alpha", ["US", "MX"]),
      carrier("zeta", ["MX", "US"]),
    ]);
    expect(reversed.destinations.MX).toEqual(["mu", "alpha", "zeta"]);
  });

  it("carries every carrier's signalling CIDRs once", () => {
    const table = buildTrunkTable([
      carrier("a", ["ES"], ["80.231.10.0/28", "80.231.11.0/28"]),
      carrier("b", ["ES"], ["177.54.20.0/28"]),
    ]);
    expect(table.carriers).toEqual({
      a: { signallingCidrs: ["80.231.10.0/28", "80.231.11.0/28"] },
      b: { signallingCidrs: ["177.54.20.0/28"] },
    });
    expect(table.version).toBe(1);
  });

  it("keeps the prod config's preference order for every destination", () => {
    const { carriers } = stackConfig("prod");
    const table = buildTrunkTable(carriers);
    const destinations = new Set(carriers.flatMap((c) => c.destinations));
    expect(Object.keys(table.destinations).sort()).toEqual([...destinations].sort());
    destinations.forEach((d) =>
      expect(table.destinations[d]).toEqual(carriers.filter((c) => c.destinations.includes(d)).map((c) => c.name)),
    );
    expect(table.destinations.MX).toEqual(["carrier-atlas", "carrier-borealis", "carrier-cosmos"]);
    expect(table.destinations.PT).toEqual(["carrier-borealis", "carrier-cosmos"]);
  });

  it("names the parameter per environment and site", () => {
    expect(trunkParameterName("staging", "euw1")).toBe("/callmyway/staging/euw1/trunks");
  });

  it("picks the SSM tier by size and refuses what no parameter can hold", () => {
    expect(parameterTierFor("x".repeat(4096))).toBe("Standard");
    expect(parameterTierFor("x".repeat(4097))).toBe("Advanced");
    expect(() => parameterTierFor("x".repeat(8193))).toThrow(/8193 bytes.*at most 8192/);
  });
});

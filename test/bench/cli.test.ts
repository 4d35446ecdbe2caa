import * as path from "path";
import { parseArgs } from "../../tools/bench/cli";

describe("npm run bench arguments", () => {
  it("defaults to the real stacks and 2, 8, 16 and 32 sites (16 is where plan/floor is judged)", () => {
    expect(parseArgs([])).toEqual({
      sizes: [2, 8, 16, 32],
      stacks: ["prod", "staging"],
      repeat: 1,
      json: path.join("bench", "results", "latest.json"),
      profile: undefined,
    });
  });

  it("reads sizes (sorted, unique), stacks, repeat and json", () => {
    const args = parseArgs(["--sizes", "16,4,4", "--stacks", "none", "--repeat", "3", "--json", "out.json"]);
    expect(args).toMatchObject({ sizes: [4, 16], stacks: [], repeat: 3, json: "out.json" });
  });

  it("refuses what it cannot run, naming the problem", () => {
    expect(() => parseArgs(["--sizes", "2,40"])).toThrow(/2 to 33 AWS sites/);
    expect(() => parseArgs(["--repeat", "0"])).toThrow(/--repeat needs a positive integer/);
    expect(() => parseArgs(["--stack-traces", "plain"])).toThrow(/unknown argument --stack-traces/);
    expect(() => parseArgs(["--size", "2"])).toThrow(/unknown argument --size/);
    expect(() => parseArgs(["--json"])).toThrow(/--json needs a value/);
    expect(() => parseArgs(["--json", "--sizes", "2"])).toThrow(/--json needs a value/);
    expect(() => parseArgs(["prod"])).toThrow(/unknown argument prod/);
  });
});

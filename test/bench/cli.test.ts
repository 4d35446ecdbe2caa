import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "../../tools/bench/cli";
import { planExecArgv, planNodeFlags } from "../../tools/nodeFlags";

describe("npm run bench arguments", () => {
  it("defaults to the real stacks and 2, 8, 16 and 32 sites, and the whole plan of 16 (where plan/floor is judged)", () => {
    expect(parseArgs([])).toEqual({
      sizes: [2, 8, 16, 32],
      stacks: ["prod", "staging"],
      envSizes: [16],
      repeat: 1,
      json: path.join("bench", "results", "latest.json"),
      profile: undefined,
    });
  });

  it("reads sizes (sorted, unique), stacks, repeat and json", () => {
    const args = parseArgs(["--sizes", "16,4,4", "--stacks", "none", "--repeat", "3", "--json", "out.json"]);
    expect(args).toMatchObject({ sizes: [4, 16], stacks: [], repeat: 3, json: "out.json" });
    expect(parseArgs(["--env-sizes", "8,2,8"]).envSizes).toEqual([2, 8]);
    expect(parseArgs(["--env-sizes", "none"]).envSizes).toEqual([]);
  });

  it("refuses what it cannot run, naming the problem", () => {
    expect(() => parseArgs(["--sizes", "2,40"])).toThrow(/2 to 33 AWS sites/);
    expect(() => parseArgs(["--env-sizes", "40"])).toThrow(/2 to 33 AWS sites/);
    expect(() => parseArgs(["--repeat", "0"])).toThrow(/--repeat needs a positive integer/);
    expect(() => parseArgs(["--stack-traces", "plain"])).toThrow(/unknown argument --stack-traces/);
    expect(() => parseArgs(["--size", "2"])).toThrow(/unknown argument --size/);
    expect(() => parseArgs(["--json"])).toThrow(/--json needs a value/);
    expect(() => parseArgs(["--json", "--sizes", "2"])).toThrow(/--json needs a value/);
    expect(() => parseArgs(["prod"])).toThrow(/unknown argument prod/);
  });
});

describe("the plan's node flags", () => {
  const rootWith = (plan: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "node-flags-"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ scripts: { plan } }));
    return dir;
  };

  it("are read from package.json's plan script, so the benchmark's children run as `npm run plan` does", () => {
    const flags = planNodeFlags();
    expect(flags).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-semi-space-size=\d+$/)]));
    expect(planNodeFlags(rootWith("node --a=1 --b -r ts-node/register tools/plan/cli.ts"))).toEqual(["--a=1", "--b"]);
  });

  it("refuse a plan script that does not start node with its flags before -r", () => {
    expect(() => planNodeFlags(rootWith("ts-node tools/plan/cli.ts"))).toThrow(/plan script must start "node <flags> -r/);
  });

  it("give the children the plan's preload too, a relative path made absolute (they may start elsewhere)", () => {
    const root = rootWith("node --a=1 -r ./tools/preload/register.js tools/plan/cli.ts");
    expect(planExecArgv(root)).toEqual(["--a=1", "-r", path.join(root, "tools", "preload", "register.js")]);
    expect(planExecArgv(rootWith("node --a=1 -r ts-node/register tools/plan/cli.ts"))).toEqual(["--a=1", "-r", "ts-node/register"]);
    expect(planExecArgv()).toContain(path.join(__dirname, "..", "..", "tools", "preload", "register.js"));
  });
});

// The part stacks' files are what the layout says (tools/stacks/partFiles.ts), and hold no network config.
import * as fs from "fs";
import { parse } from "yaml";
import { ENVIRONMENTS, partFiles } from "../../tools/stacks/partFiles";
import { readStackConfig } from "../../tools/stackConfig";
import { ROOT } from "../harness/program";

describe.each(ENVIRONMENTS)("the %s environment's part stack files", (env) => {
  const files = partFiles(env, ROOT);

  it("are committed as generated (npm run stack-files -- --write)", () => {
    Object.entries(files).forEach(([file, text]) =>
      expect({ file, text: fs.readFileSync(file, "utf8") }).toEqual({ file, text }),
    );
    const committed = fs.readdirSync(ROOT).filter((f) => f.startsWith(`Pulumi.${env}-`));
    expect(committed.sort()).toEqual(
      Object.keys(files)
        .map((f) => f.slice(ROOT.length + 1))
        .sort(),
    );
  });

  it("name only the environment and the part; the network comes from the environment's file", () => {
    Object.keys(files).forEach((file) => {
      const keys = Object.keys(parse(fs.readFileSync(file, "utf8")).config).filter((k) =>
        k.startsWith("callmyway-network:"),
      );
      expect(keys.sort()).toEqual(["callmyway-network:environmentStack", "callmyway-network:part"]);
      const stack = file.slice(file.lastIndexOf("Pulumi.") + 7, -5);
      const merged = readStackConfig(stack, ROOT).values;
      expect(merged["callmyway-network:sites"]).toBe(readStackConfig(env, ROOT).values["callmyway-network:sites"]);
    });
  });
});

// npm run pin-images -- --stack <stack>: writes the validated releases' exact image ids per region into
// Pulumi.<stack>.yaml. Needs AWS credentials (read-only: ec2:DescribeImages) and the aws CLI.
import * as fs from "fs";
import { readStackConfig, stackFile } from "../stackConfig";
import { awsCliDescribeImages, imageNeeds, pinnableConfig, resolvePins, writePins } from "./pinImages";

async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf("--stack");
  const stack = at >= 0 ? argv[at + 1] : undefined;
  if (!stack) throw new Error("usage: npm run pin-images -- --stack <stack>");
  const needs = imageNeeds(pinnableConfig(readStackConfig(stack).values));
  const pins = await resolvePins(needs, awsCliDescribeImages());
  const file = stackFile(stack);
  fs.writeFileSync(file, writePins(fs.readFileSync(file, "utf8"), pins));
  pins.forEach((p) => console.log(`${p.release} ${p.region}: ${p.imageId} (${p.name})`));
  console.log(`Wrote ${pins.length} image ids to ${file}: review the diff and commit it.`);
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});

// npm run policy-config -- --stack <name> [--out <file>]
// Writes the policy pack config derived from Pulumi.<stack>.yaml (default policies/policy-config.<stack>.json).
import * as fs from "fs";
import { ConfigError } from "../../config";
import { readFlags } from "../cliFlags";
import { policyConfigForStack, policyConfigPath, serializePolicyConfig } from "./fromStack";

const USAGE = "usage: npm run policy-config -- --stack <name> [--out <file>]";

export function main(argv: string[], io = { log: console.log, error: console.error }): number {
  let values: Record<string, string | undefined>;
  try {
    values = readFlags(argv, ["stack", "out"], USAGE);
  } catch (err) {
    io.error((err as Error).message);
    return 2;
  }
  if (!values.stack || !/^[A-Za-z0-9_.-]+$/.test(values.stack)) {
    io.error(`--stack <name> is required\n${USAGE}`);
    return 2;
  }
  try {
    const out = values.out ?? policyConfigPath(values.stack);
    fs.writeFileSync(out, serializePolicyConfig(policyConfigForStack(values.stack)));
    io.log(`Policy config for stack ${values.stack} written to ${out}`);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError || (err as Error).message.startsWith("no stack file")) {
      io.error((err as Error).message);
      return 2;
    }
    throw err;
  }
}

if (require.main === module) process.exit(main(process.argv.slice(2)));

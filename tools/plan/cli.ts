// npm run plan -- --stack <name> [--out <file>] [--baseline <plan.json>] [--diff-out <file.md>]
import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "../../config";
import { PROJECT_ROOT } from "../stackConfig";
import { diffMarkdown, diffPlans } from "./diff";
import { buildPlan, parsePlan, serializePlan } from "./document";
import { formatFigures } from "./figures";
import { summarize } from "./summary";

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface PlanArgs {
  stack: string;
  out: string;
  baseline?: string;
  diffOut?: string;
}

export class UsageError extends Error {}

const USAGE = "usage: npm run plan -- --stack <name> [--out <file>] [--baseline <plan.json>] [--diff-out <file.md>]";

export function parseArgs(argv: string[]): PlanArgs {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!["--stack", "--out", "--baseline", "--diff-out"].includes(flag)) throw new UsageError(`unknown argument ${flag}\n${USAGE}`);
    const value = argv[++i];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`${flag} needs a value\n${USAGE}`);
    values[flag.slice(2)] = value;
  }
  if (!values.stack) throw new UsageError(`--stack is required\n${USAGE}`);
  if (!/^[A-Za-z0-9_.-]+$/.test(values.stack)) throw new UsageError(`"${values.stack}" is not a stack name`);
  return {
    stack: values.stack,
    out: values.out ?? path.join(".plan", `${values.stack}.json`),
    baseline: values.baseline,
    diffOut: values["diff-out"],
  };
}

export interface Io {
  log(text: string): void;
  error(text: string): void;
}

/** Runs the offline plan; returns the process exit code. */
export async function main(argv: string[], io: Io = { log: console.log, error: console.error }, root = PROJECT_ROOT): Promise<number> {
  let args: PlanArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    io.error((err as Error).message);
    return EXIT.usage;
  }
  const baseline = args.baseline ? parsePlan(fs.readFileSync(args.baseline, "utf8"), args.baseline) : undefined;

  let plan;
  try {
    plan = await buildPlan(args.stack, root);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.error(err.message);
      return EXIT.usage;
    }
    throw err;
  }

  fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  fs.writeFileSync(args.out, serializePlan(plan));
  io.log(summarize(plan));
  io.log("\n" + formatFigures(plan.figures));
  io.log(`\nPlan written to ${args.out}`);

  if (baseline) {
    const markdown = diffMarkdown(diffPlans(baseline, plan), args.stack);
    io.log("\n" + markdown);
    if (args.diffOut) fs.writeFileSync(args.diffOut, markdown);
  }
  return EXIT.ok;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.stack ?? err.message : err);
      process.exit(EXIT.failed);
    },
  );
}

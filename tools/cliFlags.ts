// Command-line flags of the tools (`--name value`), read with node's util.parseArgs and its errors
// reworded to name the flag and show the usage.
import { parseArgs } from "util";

export class UsageError extends Error {}

/** The value of each given flag; an unknown flag, a missing value or a stray word is a UsageError. */
export function readFlags(argv: string[], flags: readonly string[], usage: string): Record<string, string | undefined> {
  const options = Object.fromEntries(flags.map((flag) => [flag, { type: "string" as const }]));
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | undefined
    >;
  } catch (err) {
    throw new UsageError(`${reworded(err as Error & { code?: string })}\n${usage}`);
  }
}

function reworded(err: Error & { code?: string }): string {
  const quoted = /'(-[^' ]+)/.exec(err.message)?.[1] ?? /'([^']+)'/.exec(err.message)?.[1] ?? "";
  switch (err.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown argument ${quoted}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `${quoted} needs a value`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument ${quoted}: every value follows its --flag`;
    default:
      return err.message;
  }
}

// Shared test harness: run the program (or one component) under the provider-faithful mocks.
import * as path from "path";
import { Captured, PlanResource, runUnderMocks } from "../../tools/plan/capture";
import { PROJECT_NAME, flattenStackConfig, readStackConfig } from "../../tools/stackConfig";
import { cachedRun } from "./runCache";

export const ROOT = path.resolve(__dirname, "..", "..");

export interface Run extends Captured {
  /** Every registered resource of a type token. */
  ofType(type: string): PlanResource[];
  /** The one resource with this type and name (throws when absent, so a test cannot pass vacuously). */
  named(type: string, name: string): PlanResource;
}

function wrap(captured: Captured): Run {
  return {
    ...captured,
    ofType: (type) => captured.resources.filter((r) => r.type === type),
    named: (type, name) => {
      const found = captured.resources.find((r) => r.type === type && r.name === name);
      if (!found) throw new Error(`no ${type} named ${name}; have: ${captured.resources.filter((r) => r.type === type).map((r) => r.name).join(", ")}`);
      return found;
    },
  };
}

export interface RunOptions {
  /** true mirrors `pulumi preview` (computed values unknown); default false (`pulumi up`, values known). */
  readonly preview?: boolean;
  /** Run the program even when a stored run exists: for tests that watch the run itself (its invokes). */
  readonly live?: boolean;
}

/** Runs index.ts with a stack file's config (`prod`, `staging`); identical runs are shared (runCache.ts). */
export async function runStack(stack: string, options: RunOptions = {}): Promise<Run> {
  const config = readStackConfig(stack, ROOT);
  const preview = options.preview ?? false;
  const run = () => runProgramWithConfig(stack, config.values, options, config.secretKeys);
  return options.live ? run() : wrap(await cachedRun(ROOT, stack, preview, run));
}

/** Runs index.ts with a config document shaped like a stack file's parsed YAML (`{ config: {...} }`). */
export async function runStackDocument(stack: string, document: unknown, options: RunOptions = {}): Promise<Run> {
  const config = flattenStackConfig(stack, document);
  return runProgramWithConfig(stack, config.values, options, config.secretKeys);
}

async function runProgramWithConfig(stack: string, values: Record<string, string>, options: RunOptions, secretKeys: string[]): Promise<Run> {
  return wrap(
    await runUnderMocks({
      project: PROJECT_NAME,
      stack,
      config: values,
      secretKeys,
      preview: options.preview ?? false,
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      program: () => require(path.join(ROOT, "index.ts")),
    }),
  );
}

/** Runs an arbitrary program (e.g. one component) under the mocks. */
export async function runComponent(program: () => unknown, options: RunOptions = {}): Promise<Run> {
  return wrap(await runUnderMocks({ project: PROJECT_NAME, stack: "test", config: {}, preview: options.preview ?? false, program }));
}

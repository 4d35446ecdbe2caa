// Shared test harness: run the program (or one component) under the provider-faithful mocks.
import * as path from "path";
import { Captured, PlanResource, runUnderMocks } from "../../tools/plan/capture";
import { runProgram } from "../../tools/plan/programRun";
import { PROJECT_NAME, StackConfig, flattenStackConfig, readStackConfig } from "../../tools/stackConfig";

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
      if (!found)
        throw new Error(
          `no ${type} named ${name}; have: ${captured.resources
            .filter((r) => r.type === type)
            .map((r) => r.name)
            .join(", ")}`,
        );
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

async function runConfig(config: StackConfig, options: RunOptions): Promise<Run> {
  const { resources, outputs } = await runProgram(config, {
    root: ROOT,
    preview: options.preview ?? false,
    live: options.live,
  });
  return wrap({ resources, outputs });
}

/** Runs index.ts with a stack file's config (`prod`, `staging`); identical runs are shared (tools/plan/runCache.ts). */
export function runStack(stack: string, options: RunOptions = {}): Promise<Run> {
  return runConfig(readStackConfig(stack, ROOT), options);
}

/** Runs index.ts with a config document shaped like a stack file's parsed YAML (`{ config: {...} }`). */
export function runStackDocument(stack: string, document: unknown, options: RunOptions = {}): Promise<Run> {
  return runConfig(flattenStackConfig(stack, document), options);
}

/** Runs an arbitrary program (e.g. one component) under the mocks. */
export async function runComponent(program: () => unknown, options: RunOptions = {}): Promise<Run> {
  return wrap(
    await runUnderMocks({
      project: PROJECT_NAME,
      stack: "test",
      config: {},
      preview: options.preview ?? false,
      program,
    }),
  );
}

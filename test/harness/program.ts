// Shared test harness: run the program (or one component) under the provider-faithful mocks.
import * as path from "path";
import { Captured, PlanResource, runUnderMocks } from "../../tools/plan/capture";
import { runEnvironment } from "../../tools/plan/scheduler";
import { PROJECT_NAME, StackConfig, flattenStackConfig, readStackConfig } from "../../tools/stackConfig";

export const ROOT = path.resolve(__dirname, "..", "..");

export interface Run extends Captured {
  /** Each stack's own run, by stack name (the environment's runs; a component run has none). */
  readonly stacks: Readonly<Record<string, Captured>>;
  /** Every registered resource of a type token. */
  ofType(type: string): PlanResource[];
  /** The one resource with this type and name (throws when absent, so a test cannot pass vacuously). */
  named(type: string, name: string): PlanResource;
}

function wrap(captured: Captured, stacks: Record<string, Captured> = {}): Run {
  return {
    ...captured,
    stacks,
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
  /** Run the program now, even when a stored run exists. */
  readonly live?: boolean;
  /** Run the program now and in this process: for tests that watch the run itself (they replace a mock's answer). */
  readonly watched?: boolean;
  /** Regions whose APIs refuse every call. */
  readonly downRegions?: readonly string[];
  /** Only these stacks (and those they read). */
  readonly only?: readonly string[];
}

/**
 * Runs every stack of the environment an environment file defines (tools/plan/environment.ts), in
 * deploy order: `resources` is their union (URNs name their stack), `outputs` each stack's by name.
 */
async function runConfig(config: StackConfig, options: RunOptions): Promise<Run> {
  const runs = await runEnvironment(config, {
    root: ROOT,
    preview: options.preview ?? false,
    live: options.live,
    watched: options.watched,
    downRegions: options.downRegions,
    only: options.only,
  });
  const stacks = Object.fromEntries(
    Object.entries(runs).map(([name, r]) => [
      name,
      { resources: r.resources, outputs: r.outputs, wireOutputs: r.wireOutputs, reads: r.reads },
    ]),
  );
  const resources = Object.values(runs)
    .flatMap((r) => r.resources)
    .sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  const outputs = Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, r.outputs]));
  return wrap({ resources, outputs, wireOutputs: {}, reads: {} }, stacks);
}

/** Runs every stack of an environment file (`prod`, `staging`); identical runs are shared (tools/plan/runCache.ts). */
export function runStack(stack: string, options: RunOptions = {}): Promise<Run> {
  return runConfig(readStackConfig(stack, ROOT), options);
}

/** Runs every stack of an environment defined by a document shaped like its file's parsed YAML (`{ config: {...} }`). */
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

// The one way to run the whole program: index.ts under the mocks with one stack's config. The offline
// plan, the benchmark and the tests all come through here, so they share one cache (runCache.ts).
import * as path from "path";
import { type AmiLookup, recordAmiLookups } from "../policy/amiLookups";
import { PROJECT_NAME, PROJECT_ROOT, type StackConfig } from "../stackConfig";
import { type Captured, runUnderMocks } from "./capture";
import { cachedRun } from "./runCache";

export interface ProgramRun extends Captured {
  /** Every AMI look-up the program made (the offline plan checks them: see amiLookups.ts). */
  readonly amiLookups: AmiLookup[];
}

export interface ProgramRunOptions {
  readonly root?: string;
  /** true mirrors `pulumi preview` (computed values unknown); false mirrors `pulumi up`. */
  readonly preview: boolean;
  /** Run now, even when a stored run exists (where runElsewhere says, like any run not stored). */
  readonly live?: boolean;
  /** Run now and in this process: for tests that watch the run itself (they replace a mock's answer). */
  readonly watched?: boolean;
  /** Outputs (wire format) of the stacks this one reads, by stack name: what its StackReferences see. */
  readonly upstreams?: Readonly<Record<string, Record<string, unknown>>>;
  /** Regions whose APIs refuse every call (the regional-loss plans). */
  readonly downRegions?: readonly string[];
  /**
   * The config values the run depends on (inputsDigest.ts configView of its part), for the run cache's
   * key; default all of them. Only what the config digest of a stack's plan covers may be left out.
   */
  readonly configView?: Readonly<Record<string, unknown>>;
}

type Runner = (config: StackConfig, options: ProgramRunOptions) => Promise<ProgramRun>;

/** Where the project's runs that are not stored and not watched execute; undefined: in this process. */
let elsewhere: Runner | undefined;

/**
 * Runs the project's program that no stored run answers, and that nobody watches in this process (not
 * `watched`), with `runner` (undefined: here again). The tests give it a worker process
 * (test/harness/childRuns.ts): jest runs each test file in a vm sandbox where the program runs about
 * twice as slowly as in plain node (docs/PERFORMANCE.md, 2026-12-03). The runner gets the run `live`,
 * so that it runs it rather than looking in the cache again.
 */
export function runElsewhere(runner: Runner | undefined): void {
  elsewhere = runner;
}

/** Runs root's index.ts with the config; identical runs are shared when the cache is on. */
export function runProgram(config: StackConfig, options: ProgramRunOptions): Promise<ProgramRun> {
  const root = options.root ?? PROJECT_ROOT;
  const run = async (): Promise<ProgramRun> => {
    if (elsewhere && !options.watched && root === PROJECT_ROOT) return elsewhere(config, { ...options, live: true });
    const { result, lookups } = await recordAmiLookups(() =>
      runUnderMocks({
        project: PROJECT_NAME,
        stack: config.stack,
        config: config.values,
        secretKeys: config.secretKeys,
        preview: options.preview,
        stackOutputs: (stack) => options.upstreams?.[stack],
        downRegions: options.downRegions,
        // The runtime loads a program the same way: by requiring its main module.
        program: () => require(path.join(root, "index.ts")),
      }),
    );
    return { ...result, amiLookups: lookups };
  };
  // Only the project's own program is cached: the key hashes its sources, not another root's.
  if (options.live || options.watched || root !== PROJECT_ROOT) return run();
  const label = `${config.stack}-${options.preview ? "preview" : "up"}`;
  const key = {
    stack: config.stack,
    config: options.configView ?? config.values,
    secretKeys: config.secretKeys,
    preview: options.preview,
    downRegions: options.downRegions,
  };
  return cachedRun(root, label, key, options.upstreams ?? {}, run);
}

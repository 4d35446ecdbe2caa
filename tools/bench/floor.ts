// The floor: what registering N resources costs under the same runtime and mocks with no program logic.
import * as pulumi from "@pulumi/pulumi";
import { PlanResource, runUnderMocks } from "../plan/capture";
import { PROJECT_NAME } from "../stackConfig";

/** Registrations the floor makes besides its topics: the stack itself and one AWS provider. */
export const FLOOR_OVERHEAD = 2;

/**
 * A program that registers `total` resources in all: the stack, one explicit AWS provider and
 * EC2 tags (the AWS type with the fewest properties: three inputs, no computed outputs), parented
 * to the stack. @pulumi/aws is loaded inside the
 * program, as index.ts loads it, so both runs pay for it in the measured window.
 */
export function floorProgram(total: number): () => Promise<void> {
  return async () => {
    const aws = await import("@pulumi/aws");
    const provider = new aws.Provider("floor-aws", { region: "us-east-1" });
    for (let i = 0; i < total - FLOOR_OVERHEAD; i++) {
      new aws.ec2.Tag(`floor-${i}`, { resourceId: "vpc-0123456789abcdef0", key: `floor-${i}`, value: "bench" }, { provider });
    }
  };
}

/** Runs the floor under the same preview-mode mocks as the plan; returns what it registered. */
export async function runFloor(total: number): Promise<PlanResource[]> {
  if (!Number.isInteger(total) || total < FLOOR_OVERHEAD) throw new Error(`the floor registers at least ${FLOOR_OVERHEAD} resources; got ${total}`);
  const captured = await runUnderMocks({ project: PROJECT_NAME, stack: "floor", config: {}, preview: true, program: floorProgram(total) });
  return captured.resources;
}

/**
 * The replay floor: the plan's own cloud resources (same types, names and inputs) registered flat
 * under the stack, with no components, no outputs wired between resources and no program logic.
 * plan/replay is what our program (its structure and its plumbing) costs on top of the resources
 * it declares; plan/floor above also counts that real resources carry more properties than tags.
 */
export function replayProgram(resources: readonly PlanResource[]): () => void {
  return () => {
    resources
      .filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))
      .forEach((r, i) => new ReplayedResource(r.type, `${r.name}-${i}`, { ...r.inputs }));
  };
}

/** Any resource type, registered with the given inputs and nothing else. */
class ReplayedResource extends pulumi.CustomResource {
  constructor(type: string, name: string, inputs: pulumi.Inputs) {
    super(type, name, inputs);
  }
}

/** Runs the replay under the same preview-mode mocks as the plan; returns what it registered. */
export async function runReplay(resources: readonly PlanResource[]): Promise<PlanResource[]> {
  const captured = await runUnderMocks({ project: PROJECT_NAME, stack: "replay", config: {}, preview: true, program: replayProgram(resources) });
  return captured.resources;
}

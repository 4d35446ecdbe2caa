import * as pulumi from "@pulumi/pulumi";
import { autoNameFor, defaultProviderRefusal } from "./engine";
import { INVOKES } from "./invokes";
import { SIG, SIG_KEY } from "./wire";
import "./interconnect";
import { COMPUTED, mockArn, mockId } from "./resources";
import "./observability";
import "./pools";

export { CLOUDFLARE_IPV4 } from "./invokes";
export { MOCK_ACCOUNT_ID } from "./ids";

export interface ProviderMocksOptions {
  /**
   * true: behave like `pulumi preview` (ids and computed outputs are unknown, inputs echo back);
   * false: behave like `pulumi up` (ids, ARNs and addresses are known).
   */
  readonly preview: boolean;
  /** Region of resources that use no explicit AWS provider. */
  readonly defaultRegion?: string;
  /** Packages whose default provider the stack disables: registrations and invokes without one are refused. */
  readonly disabledDefaultProviders?: readonly string[];
  /**
   * The state of the environment's other stacks, as a StackReference reads it: the outputs of the named
   * stack in the engine's wire format (secrets and unknowns marked), or undefined when it has none (the
   * engine refuses a reference to a stack that does not exist).
   */
  readonly stackOutputs?: (stack: string) => Record<string, unknown> | undefined;
  /** Regions whose APIs refuse every call (a regional outage): invokes there fail, and registrations in an `up`. */
  readonly downRegions?: readonly string[];
}

const STACK_REFERENCE = "pulumi:pulumi:StackReference";

/** Mocks that answer like the AWS, Cloudflare, random and tls providers do. */
export class ProviderMocks implements pulumi.runtime.Mocks {
  private readonly providerRegions = new Map<string, string>();
  /** URN of the registration being answered (see engine.ts attachEngineBehaviour). */
  private registeringUrn: string | undefined;
  /** The stack each StackReference (by its logical name) reads: what the run's reads are recorded against. */
  readonly referencedStacks = new Map<string, string>();

  constructor(private readonly options: ProviderMocksOptions) {}

  /** Told by the monitor which URN the next `newResource` call is for. */
  registering(urn: string | undefined): void {
    this.registeringUrn = urn;
  }

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, any> } {
    if (args.type.startsWith("pulumi:providers:")) {
      // Providers always get a known id: resources and invokes refer to them by `urn::id`.
      const id = `${args.name}-provider`;
      if (typeof args.inputs.region === "string") this.providerRegions.set(id, args.inputs.region);
      return { id, state: args.inputs };
    }
    if (args.type === STACK_REFERENCE) return this.stackReference(args);
    if (!args.custom) return { id: undefined, state: args.inputs };
    const urn = this.registeringUrn ?? `${args.type}::${args.name}`;
    const refusal = args.provider
      ? undefined
      : defaultProviderRefusal(this.options.disabledDefaultProviders ?? [], args.type, urn);
    if (refusal) throw refusal;
    const region = this.regionOf(args.provider, args.inputs);
    // A preview asks the provider to check and diff, which calls no API; an `up` creates or updates (the
    // mocks cannot tell an unchanged resource, so every registration in a down region is refused).
    if (args.type.startsWith("aws:") && !this.options.preview) this.refuseIfDown(region, `${args.type} ${args.name}`);
    // The engine fills in auto-names before the provider sees the inputs, so a preview knows them too.
    const inputs = { ...args.inputs, ...autoNameFor(args.type, args.name, urn, args.inputs) };
    if (this.options.preview) return { id: undefined, state: inputs };
    const id = mockId(args.type, args.name);
    const ctx = { name: args.name, region, id };
    const arn = args.type.startsWith("aws:") ? { arn: mockArn(args.type, ctx) } : {};
    return { id, state: { ...inputs, ...arn, ...(COMPUTED[args.type]?.(inputs, ctx) ?? {}) } };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    const refusal = args.provider
      ? undefined
      : defaultProviderRefusal(this.options.disabledDefaultProviders ?? [], args.token, args.token);
    if (refusal) throw refusal;
    const answer = INVOKES[args.token];
    if (!answer) throw mockError(`no mock answers the invoke ${args.token}: add one to tools/mocks/invokes.ts`);
    const region = this.regionOf(args.provider, args.inputs);
    if (args.token.startsWith("aws:")) this.refuseIfDown(region, args.token);
    return answer(args.inputs, { region });
  }

  /** A StackReference reads the named stack's state; the engine fails when there is no such stack. */
  private stackReference(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
    const name = String(args.inputs.name ?? args.name);
    const stack = name.split("/").pop()!;
    const outputs = this.options.stackOutputs?.(stack);
    if (!outputs) throw mockError(`unknown stack "${name}": plan (or deploy) ${stack} before the stacks that read it`);
    this.referencedStacks.set(args.name, stack);
    return { id: name, state: { name, outputs, secretOutputNames: secretNamesOf(outputs) } };
  }

  /** A region whose APIs are down refuses the call as the SDK would after its retries. */
  private refuseIfDown(region: string, what: string): void {
    if (this.options.downRegions?.includes(region))
      throw mockError(
        `${what}: RequestError: send request failed: dial tcp: lookup ec2.${region}.amazonaws.com: i/o timeout (region ${region} is down)`,
      );
  }

  /** A resource's own `region` input (AWS provider v7), else its provider's, else the default. */
  private regionOf(providerRef: string | undefined, inputs: Record<string, unknown> = {}): string {
    if (typeof inputs.region === "string" && inputs.region !== "") return inputs.region;
    const id = providerRef?.split("::").pop();
    return (id && this.providerRegions.get(id)) ?? this.options.defaultRegion ?? "us-east-1";
  }
}

/** The runtime rebuilds a failed RPC's error from gRPC's `details`: without it the message is lost. */
function mockError(message: string): Error {
  return Object.assign(new Error(message), { details: message });
}

/** Top-level outputs that are (or hold) secrets: what the engine lists as a reference's secretOutputNames. */
function secretNamesOf(outputs: Record<string, unknown>): string[] {
  const holdsSecret = (v: unknown): boolean =>
    typeof v === "object" &&
    v !== null &&
    ((v as Record<string, unknown>)[SIG_KEY] === SIG.secret || Object.values(v).some(holdsSecret));
  return Object.keys(outputs).filter((k) => holdsSecret(outputs[k]));
}

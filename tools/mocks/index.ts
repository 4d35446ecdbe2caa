import * as pulumi from "@pulumi/pulumi";
import { autoNameFor, defaultProviderRefusal } from "./engine";
import { INVOKES } from "./invokes";
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
}

/** Mocks that answer like the AWS, Cloudflare, random and tls providers do. */
export class ProviderMocks implements pulumi.runtime.Mocks {
  private readonly providerRegions = new Map<string, string>();
  /** URN of the registration being answered (see engine.ts attachEngineBehaviour). */
  private registeringUrn: string | undefined;

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
    if (!args.custom) return { id: undefined, state: args.inputs };
    const urn = this.registeringUrn ?? `${args.type}::${args.name}`;
    const refusal = args.provider
      ? undefined
      : defaultProviderRefusal(this.options.disabledDefaultProviders ?? [], args.type, urn);
    if (refusal) throw refusal;
    // The engine fills in auto-names before the provider sees the inputs, so a preview knows them too.
    const inputs = { ...args.inputs, ...autoNameFor(args.type, args.name, urn, args.inputs) };
    if (this.options.preview) return { id: undefined, state: inputs };
    const id = mockId(args.type, args.name);
    const ctx = { name: args.name, region: this.regionOf(args.provider), id };
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
    return answer(args.inputs, { region: this.regionOf(args.provider) });
  }

  private regionOf(providerRef: string | undefined): string {
    const id = providerRef?.split("::").pop();
    return (id && this.providerRegions.get(id)) ?? this.options.defaultRegion ?? "us-east-1";
  }
}

/** The runtime rebuilds a failed RPC's error from gRPC's `details`: without it the message is lost. */
function mockError(message: string): Error {
  return Object.assign(new Error(message), { details: message });
}

import * as pulumi from "@pulumi/pulumi";
import { INVOKES } from "./invokes";
import "./interconnect";
import { COMPUTED, mockArn, mockId } from "./resources";
import "./observability";
import "./pools";

export { CLOUDFLARE_IPV4, CLOUDFLARE_IPV6 } from "./invokes";
export { MOCK_ACCOUNT_ID } from "./ids";

export interface ProviderMocksOptions {
  /**
   * true: behave like `pulumi preview` (ids and computed outputs are unknown, inputs echo back);
   * false: behave like `pulumi up` (ids, ARNs and addresses are known).
   */
  readonly preview: boolean;
  /** Region of resources that use no explicit AWS provider. */
  readonly defaultRegion?: string;
}

/** Mocks that answer like the AWS, Cloudflare, random and tls providers do. */
export class ProviderMocks implements pulumi.runtime.Mocks {
  private readonly providerRegions = new Map<string, string>();

  constructor(private readonly options: ProviderMocksOptions) {}

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, any> } {
    if (args.type.startsWith("pulumi:providers:")) {
      // Providers always get a known id: resources and invokes refer to them by `urn::id`.
      const id = `${args.name}-provider`;
      if (typeof args.inputs.region === "string") this.providerRegions.set(id, args.inputs.region);
      return { id, state: args.inputs };
    }
    if (this.options.preview || !args.custom) return { id: undefined, state: args.inputs };
    const id = mockId(args.type, args.name);
    const ctx = { name: args.name, region: this.regionOf(args.provider), id };
    const arn = args.type.startsWith("aws:") ? { arn: mockArn(args.type, ctx) } : {};
    return { id, state: { ...args.inputs, ...arn, ...(COMPUTED[args.type]?.(args.inputs, ctx) ?? {}) } };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
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

// Reading another stack of the environment: a StackReference reads that stack's state (its last
// `up`), never the clouds, so a stack plans while another region's APIs are down.
import * as pulumi from "@pulumi/pulumi";

/** One upstream stack's outputs. */
export class Upstream {
  private readonly reference: pulumi.StackReference;

  constructor(readonly stack: string) {
    // Fully qualified: the same organization and project as the running stack.
    this.reference = new pulumi.StackReference(`${stack}-reference`, {
      name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${stack}`,
    });
  }

  /** An output as an Output (unknown in a preview until the upstream stack has been deployed). */
  output<T>(key: string): pulumi.Output<T> {
    return this.reference.getOutput(key) as pulumi.Output<T>;
  }

  /**
   * An output's value now, for decisions the program takes before declaring resources (how many rules).
   * Fails, naming the stack, when the upstream stack has not exported it yet.
   */
  async value<T>(key: string): Promise<T> {
    const details = await this.reference.getOutputDetails(key);
    const value = details.value ?? details.secretValue;
    if (value === undefined)
      throw new pulumi.RunError(`stack ${this.stack} has no output "${key}" yet: deploy ${this.stack} first`);
    return value as T;
  }
}

/** The environment's upstream stacks, one reference each. */
export class Upstreams {
  private readonly byName = new Map<string, Upstream>();

  of(stack: string): Upstream {
    let upstream = this.byName.get(stack);
    if (!upstream) {
      upstream = new Upstream(stack);
      this.byName.set(stack, upstream);
    }
    return upstream;
  }
}

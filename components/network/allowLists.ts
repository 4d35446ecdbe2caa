// A site's allowlists as customer-managed prefix lists (lib/model/allowLists.ts): one resource per
// list, its blocks inline, so a new carrier, customer or site changes entries, not the number of
// resources. The rules that admit a list reference it by id (components/pools/securityRules.ts).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AllowList, AllowListName, ListRef, listKey } from "../../lib/model";
import { Tags, tierTags } from "../tags";

/** A prefix list as rules reference it: the name their resources are keyed by, its id, its size. */
export interface ListHandle {
  readonly name: string;
  readonly id: pulumi.Input<string>;
  /** What AWS counts against a group's rule quota for each rule on the list. */
  readonly maxEntries: number;
}

export interface SiteAllowListsArgs {
  readonly environment: string;
  readonly site: string;
  /** The site's lists from the network model. */
  readonly lists: readonly AllowList[];
  readonly tags: Tags;
}

export class SiteAllowLists extends pulumi.ComponentResource {
  readonly prefixLists: Readonly<Partial<Record<AllowListName, aws.ec2.ManagedPrefixList>>>;
  private readonly handles: ReadonlyMap<AllowListName, ListHandle>;
  private readonly site: string;

  constructor(name: string, args: SiteAllowListsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("callmyway:network:SiteAllowLists", name, {}, opts);
    this.site = args.site;
    const made = args.lists.map((list) => {
      if (list.ref.site !== args.site)
        throw new Error(`site ${args.site} was given the allowlist ${listKey(list.ref)} of another site`);
      const resourceName = `${name}-${list.ref.list}`;
      const prefixList = new aws.ec2.ManagedPrefixList(
        resourceName,
        {
          // Not unique in AWS, but what the console and the CLI show: environment, site and list.
          name: `${args.environment}-${args.site}-${list.ref.list}`,
          addressFamily: "IPv4",
          // Exactly the entries: what AWS counts per referencing rule is what the quota check counted.
          // Growing the list raises it in place (ModifyManagedPrefixList MaxEntries).
          maxEntries: list.entries.length,
          entries: list.entries.map((e) => ({ cidr: e.cidr, description: e.description })),
          tags: tierTags(args.tags, "network", resourceName),
        },
        { parent: this },
      );
      return { list, prefixList, handle: { name: resourceName, id: prefixList.id, maxEntries: list.entries.length } };
    });
    this.prefixLists = Object.fromEntries(made.map((m) => [m.list.ref.list, m.prefixList]));
    this.handles = new Map(made.map((m) => [m.list.ref.list, m.handle]));
    this.registerOutputs({});
  }

  /** The handle of one of this site's lists (throws for another site's or a list the site lacks). */
  handle(ref: ListRef): ListHandle {
    const found = ref.site === this.site ? this.handles.get(ref.list) : undefined;
    if (!found)
      throw new Error(
        `a rule of ${this.site} references the prefix list ${listKey(ref)}, which this site does not declare`,
      );
    return found;
  }
}

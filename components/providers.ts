import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { siteTags } from "./tags";

/**
 * One explicit AWS provider per region (the stacks disable the default provider, so nothing can
 * land in an unintended region). Default tags cover anything a component forgets to tag.
 */
export function awsProviderFor(name: string, region: string, environment: string, site: string): aws.Provider {
  return new aws.Provider(name, {
    region,
    defaultTags: { tags: siteTags(environment, site) },
  });
}

export type ProviderOpts = pulumi.ComponentResourceOptions & { provider: aws.Provider };

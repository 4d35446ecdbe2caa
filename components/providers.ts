import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
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

/**
 * The one Cloudflare provider. The token comes from `cloudflare:apiToken` (set with
 * `pulumi config set --secret`) or, when that is unset, from CLOUDFLARE_API_TOKEN in the environment.
 */
export function cloudflareProvider(): cloudflare.Provider {
  const token = new pulumi.Config("cloudflare").getSecret("apiToken");
  return new cloudflare.Provider("cloudflare", token ? { apiToken: token } : {});
}

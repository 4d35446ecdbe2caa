// A mesh stack: the transit gateway peerings of one site with every earlier site, and their routes
// (each pair lives in the later site's mesh stack). It reads the transit gateways from the site
// stacks; it declares resources in those sites' regions through one provider (per-resource `region`)
// and makes no data-source calls, so an unchanged mesh previews while a region's APIs are down.
import * as aws from "@pulumi/aws";
import { NetworkConfig } from "../config";
import { NetworkModel } from "../lib/model";
import { buildMesh } from "../components/interconnect";
import { siteTags } from "../components/tags";
import { stackNameOf } from "../lib/stacks/layout";
import { Upstreams } from "./references";

export function meshStack(config: NetworkConfig, model: NetworkModel, environmentStack: string, siteName: string) {
  const upstreams = new Upstreams();
  const index = model.awsSites.findIndex((s) => s.name === siteName);
  const site = model.awsSites[index];
  // The provider's own region only serves its credential check; every resource names its region.
  const provider = new aws.Provider("mesh-aws", {
    region: site.region,
    defaultTags: { tags: siteTags(config.environment, site.name) },
  });
  const mesh = buildMesh(
    config,
    model.awsSites.slice(0, index + 1).map((site) => {
      const transitGateway = upstreams
        .of(stackNameOf(environmentStack, { kind: "site", site: site.name }))
        .output<{ id: string; routeTableId: string }>("transitGateway");
      return {
        name: site.name,
        region: site.region,
        transitGatewayId: transitGateway.apply((t) => t.id),
        routeTableId: transitGateway.apply((t) => t.routeTableId),
        tags: siteTags(config.environment, site.name),
      };
    }),
    provider,
    siteName,
  );
  return {
    environment: config.environment,
    transitPeerings: mesh.peerings.map((p) => ({ from: p.from, to: p.to, attachmentId: p.attachment.id })),
  };
}

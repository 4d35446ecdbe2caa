// The mesh stack: the transit gateway peerings between every pair of sites and their routes. It
// reads each site's transit gateway from that site's stack; it declares resources in every site's
// region through one provider (per-resource `region`) and makes no data-source calls, so an unchanged
// mesh previews while a region's APIs are down.
import * as aws from "@pulumi/aws";
import { NetworkConfig } from "../config";
import { NetworkModel } from "../lib/model";
import { buildMesh } from "../components/interconnect";
import { siteTags } from "../components/tags";
import { stackNameOf } from "../lib/stacks/layout";
import { Upstreams } from "./references";

export function meshStack(config: NetworkConfig, model: NetworkModel, environmentStack: string) {
  const upstreams = new Upstreams();
  // The provider's own region only serves its credential check; every resource names its region.
  const provider = new aws.Provider("mesh-aws", {
    region: model.awsSites[0].region,
    defaultTags: { tags: siteTags(config.environment, "mesh") },
  });
  const mesh = buildMesh(
    config,
    model.awsSites.map((site) => {
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
  );
  return {
    environment: config.environment,
    transitPeerings: mesh.peerings.map((p) => ({ from: p.from, to: p.to, attachmentId: p.attachment.id })),
  };
}

// The environment-wide check that the transit mesh is whole: with one stack per site and the peerings
// in their own stack, no single stack's plan can show a missing pair. Read from the resources' own
// `region` inputs (the mesh declares every resource through one multi-region provider).
import type { PlanResource } from "./capture";

const ATTACHMENT = "aws:ec2transitgateway/peeringAttachment:PeeringAttachment";
const ACCEPTER = "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter";
const ROUTE = "aws:ec2transitgateway/route:Route";

export interface MeshSite {
  readonly name: string;
  readonly region: string;
  readonly cidr: string;
}

/**
 * One line per problem: a pair of AWS sites with no peering attachment between their regions, no
 * accepter in the peer's region, or no route to the other site's CIDR on either side (routes are
 * static: peering attachments do not propagate them). Sites are told apart by region.
 */
export function meshProblems(resources: readonly PlanResource[], sites: readonly MeshSite[]): string[] {
  const problems: string[] = [];
  const children = (parent: string, type: string) => resources.filter((r) => r.parent === parent && r.type === type);
  const routesUnder = (accepter: string) => children(accepter, ROUTE);
  for (let i = 0; i < sites.length; i++)
    for (let j = i + 1; j < sites.length; j++) {
      const [a, b] = [sites[i], sites[j]];
      const pair = `${a.name} <-> ${b.name}`;
      const attachments = resources.filter(
        (r) =>
          r.type === ATTACHMENT &&
          ((r.inputs.region === a.region && r.inputs.peerRegion === b.region) ||
            (r.inputs.region === b.region && r.inputs.peerRegion === a.region)),
      );
      if (attachments.length === 0) {
        problems.push(`${pair}: no transit gateway peering attachment between ${a.region} and ${b.region}`);
        continue;
      }
      const withAccepter = attachments.flatMap((attachment) =>
        children(attachment.urn, ACCEPTER)
          .filter((accepter) => accepter.inputs.region === attachment.inputs.peerRegion)
          .map((accepter) => ({ attachment, accepter })),
      );
      if (withAccepter.length === 0) {
        problems.push(`${pair}: the peering attachment has no accepter in the peer's region`);
        continue;
      }
      const routes = withAccepter.flatMap(({ accepter }) => routesUnder(accepter.urn));
      const routed = (from: MeshSite, to: MeshSite) =>
        routes.some((r) => r.inputs.region === from.region && r.inputs.destinationCidrBlock === to.cidr);
      if (!routed(a, b)) problems.push(`${pair}: no route in ${a.region} to ${b.name} (${b.cidr}) over the peering`);
      if (!routed(b, a)) problems.push(`${pair}: no route in ${b.region} to ${a.name} (${a.cidr}) over the peering`);
    }
  return problems;
}

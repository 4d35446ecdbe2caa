// Links between sites (S7): each site's transit gateway and data-centre VPNs, and the mesh between sites.
export { buildMesh, buildSiteInterconnect } from "./interconnect";
export type { MeshSiteExports, SiteInterconnect } from "./interconnect";

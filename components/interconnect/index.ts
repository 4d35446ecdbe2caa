// Links between sites (S7): the transit gateway mesh and the data centres' Site-to-Site VPNs.
export { Interconnect } from "./interconnect";

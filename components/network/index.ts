// Site networks (S1, S2, S8): VPC, tiered subnets, NAT, ACLs, endpoints, flow logs.
export { SiteNetwork } from "./siteNetwork";
export { SUBNET_TIERS } from "../../lib/model/addressPlan";
export { SiteAllowLists } from "./allowLists";
export type { ListHandle } from "./allowLists";

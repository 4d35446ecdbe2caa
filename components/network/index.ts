// Site networks (S1, S2, S8): VPC, tiered subnets, NAT, ACLs, endpoints, flow logs.
export { SiteNetwork } from "./siteNetwork";
export { SUBNET_TIERS } from "./subnetLayout";

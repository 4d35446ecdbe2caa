export * from "./siteNetwork";
export * from "./subnetLayout";

export * from "./globalDns";
export * from "./sipRecords";
export * from "./webLoadBalancer";

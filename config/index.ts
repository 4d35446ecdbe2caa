// The stack config: its shape, its validation, where it is read from.
export { CONFIG_KEYS, networkConfigSchema } from "./schema";
export type { AwsSiteConfig, CarrierConfig, NetworkConfig, OnpremSiteConfig, RhelRelease, SiteConfig } from "./schema";
export { CONFIG_NAMESPACE, ConfigError, formatPath, validateConfig } from "./validate";
export { rawConfig } from "./raw";
export { loadConfig } from "./load";

export * from "./schema";
export * from "./validate";
export { rawConfig } from "./raw";
export { loadConfig } from "./load";

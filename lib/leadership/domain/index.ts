export * from "./drill";
export * from "./metrics";
export * from "./period";
export * from "./roi";

export * from "./checklist";
export * from "./template";
export * from "./template-schema";

import "server-only";

export * from "./notifications";
export * from "./webhooks";
export * from "./destination";

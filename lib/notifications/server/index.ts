import "server-only";

export * from "./notifications";
export * from "./outbox";
export * from "./slo-alerts";
export * from "./webhooks";
export * from "./destination";
export * from "./digest";

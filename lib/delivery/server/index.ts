import "server-only";

export * from "./delivery-panel";
export * from "./dora";
export * from "./dora-sql";
export * from "./dora-days";
export * from "./delivery-counts";
export * from "./export-scope";
export * from "./import-csv";
export * from "./incident-webhooks";
export * from "./record-events";
export { readRollupLag, type RollupLag } from "./rollup-refresh";
export * from "./webhook-deliveries";
export * from "./webhook-response";
export * from "./webhook-tally";

import "server-only";

export * from "./facts";
export * from "./initiatives";
export * from "./scorecard-admin";
export * from "./scorecards";
export * from "./snapshots";

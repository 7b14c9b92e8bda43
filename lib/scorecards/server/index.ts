import "server-only";

export * from "./facts";
export * from "./initiatives";
export * from "./scorecard-admin";
export * from "./scorecard-json";
export * from "./scorecards";
export * from "./snapshots";
export * from "./level-drops";
export * from "./expressions";
export * from "./exemptions";
export * from "./scorecard-apply";

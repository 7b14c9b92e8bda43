export * from "./document";
export * from "./initiative";
export * from "./scorecard";
export * from "./trends";

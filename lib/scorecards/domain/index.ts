export * from "./document";
export * from "./initiative";
export * from "./scorecard";
export * from "./trends";
export * from "./expression";
export * from "./expression-fields";
export * from "./scope";

export * from "./dora";
export * from "./dora-report";

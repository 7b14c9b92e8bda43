export * from "./backstage";

export * from "./github-identity";

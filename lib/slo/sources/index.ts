export * from "./slo-yaml";

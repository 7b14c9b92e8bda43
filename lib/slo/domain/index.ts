export * from "./dto";
export * from "./slo";

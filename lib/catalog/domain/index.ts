export * from "./dto";

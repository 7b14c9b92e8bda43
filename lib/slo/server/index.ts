import "server-only";

export * from "./sli";
export * from "./slos";
export * from "./import-slos";
export * from "./sources";
export * from "./pull";

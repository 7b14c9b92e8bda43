import "server-only";

export * from "./sli";
export * from "./slos";

import "server-only";

export * from "./export-query";
export * from "./leadership";
export * from "./report-pdf";
export * from "./roi";

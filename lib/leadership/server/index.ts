import "server-only";

export * from "./leadership";
export * from "./report-pdf";
export * from "./roi";

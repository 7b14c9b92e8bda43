import "server-only";

export * from "./import-catalog";
export * from "./overview";
export * from "./services";
export * from "./teams";
export * from "./catalog-sync";
export * from "./facts";

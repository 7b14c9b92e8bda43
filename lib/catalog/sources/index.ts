export * from "./backstage";
export * from "./catalog-fetch";

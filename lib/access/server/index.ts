import "server-only";

export * from "./tokens";
export * from "./users";

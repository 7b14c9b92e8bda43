import "server-only";

export * from "./password";
export * from "./sign-in-limits";
export * from "./sign-in-route";
export * from "./sso";
export * from "./token-secrets";
export * from "./tokens";
export * from "./user-record";
export * from "./users";
export * from "./two-factor";
export * from "./audit-log";

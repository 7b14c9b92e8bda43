export * from "./demo-users";
export * from "./sso-policy";
export * from "./two-factor-policy";
export * from "./audit-describe";

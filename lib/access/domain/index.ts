export * from "./demo-users";
export * from "./sso-policy";

export * from "./demo-users";
export * from "./password";
export * from "./tokens";

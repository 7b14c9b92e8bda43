export * from "./csv";
export * from "./github";
export * from "./hmac";
export * from "./pagerduty";

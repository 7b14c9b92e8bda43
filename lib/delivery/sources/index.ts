export * from "./csv";
export * from "./github";
export * from "./hmac";
export * from "./pagerduty";
export * from "./alertmanager";
export * from "./incident-signal";
export * from "./opsgenie";
export * from "./gitlab";

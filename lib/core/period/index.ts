// The one home of period parsing: every page, export and API answer reads its window here.
export * from "./calendar-period";
export * from "./params";
export * from "./query";
export * from "./rolling-period";
export * from "./trend-period";

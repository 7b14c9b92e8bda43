export * from "./drill";
export * from "./metrics";
export * from "@/lib/core/period/calendar-period";
export * from "./roi";

export * from "./message";

export * from "./message";
export * from "./digest";

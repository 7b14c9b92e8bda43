import "server-only";

export * from "./checklists";
export * from "./reviews";
export * from "./templates";
export * from "./waivers";

export * from "./poll.ts";
export * from "./procedures.ts";
export * from "./status.ts";
export * from "./task.ts";
export * from "./task-types/index.ts";
export * from "./pricing.ts";
export * from "./upload.ts";
export * from "./submit.ts";

// A worker thread starts without the parent's TypeScript loader when the parent runs under a
// test runner; tsx's API registers it for this thread (harmless where --import tsx already did).
import { register } from "tsx/esm/api";

register();
await import(new URL("./task-thread.ts", import.meta.url).href);

import { execFileSync } from "node:child_process";
import path from "node:path";

/** Vitest's globalSetup for the cli project: the tests run the built command, as people do, so build it first if its sources changed. */
export default function buildCli(): void {
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, "../../../scripts/build-if-changed.mjs"), "cli"], { stdio: "inherit" });
}

#!/usr/bin/env node
// Runs the built command, dist/main.js: nothing is compiled at start (issue 13). In the
// workspace, `pnpm install` and `pnpm tasklane` build it (scripts/build-if-changed.mjs cli).
try {
  await import("../dist/main.js");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist/main.js")) throw error;
  process.stderr.write("tasklane: the command is not built: run `pnpm --filter @tasklane/cli build` (or `pnpm install`)\n");
  process.exitCode = 1;
}

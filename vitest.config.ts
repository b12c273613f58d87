import { defineConfig } from "vitest/config";
import projects from "./vitest.workspace.ts";

export default defineConfig({
  test: {
    projects,
    passWithNoTests: false,
    /**
     * Known and not yet found: about one run in two of the distributed contract suite sees one
     * ioredis command rejected with "Connection is closed." while a test's service stops (every
     * test passes; no client is left connected afterwards, checked with CLIENT LIST). It is let
     * through here by its exact message and origin, printed, and nothing else is: see the
     * closing note of issue 7.
     */
    onUnhandledError(error) {
      const known = error.message === "Connection is closed." && /ioredis/.test(error.stack ?? "");
      if (known) console.warn("known ioredis close race (see vitest.config.ts):", error.stack);
      return !known;
    },
  },
});

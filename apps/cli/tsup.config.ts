import { defineConfig } from "tsup";

/**
 * The command as one JavaScript file (dist/main.js): compiling TypeScript at every start cost
 * over a second per command (issue 13). Everything it imports is bundled in, our packages and
 * theirs, so the packed tarball installs with no dependencies and starts without tsx.
 */
export default defineConfig({
  entry: ["src/main.ts"],
  format: ["esm"],
  target: "node20",
  platform: "node",
  outDir: "dist",
  clean: true,
  noExternal: [/./],
  // Start time is mostly parsing the bundle (zod is most of it): whitespace and syntax are
  // minified for that; names are kept so a TASKLANE_DEBUG stack still reads.
  esbuildOptions(options) {
    options.minifyWhitespace = true;
    options.minifySyntax = true;
  },
});

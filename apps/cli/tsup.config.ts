import path from "node:path";
import { type Options, defineConfig } from "tsup";

type EsbuildPlugin = NonNullable<Options["esbuildPlugins"]>[number];

/**
 * zod re-exports all of its ~45 message languages as `z.locales` (a third of the bundle, parsed at
 * every start); nothing here calls them, and zod itself only sets up English (locales/en.js,
 * imported on its own). So that index is replaced by one exporting English alone.
 */
const zodEnglishOnly: EsbuildPlugin = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer)
        ? { path: path.resolve(args.resolveDir, "../locales/index.js"), namespace: "zod-locales" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: path.dirname(args.path),
    }));
  },
};

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
  esbuildPlugins: [zodEnglishOnly],
  esbuildOptions(options) {
    options.minifyWhitespace = true;
    options.minifySyntax = true;
  },
});

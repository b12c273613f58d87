import { defineConfig } from "tsup";

/**
 * The packed client must work where only its tarball is installed: the contract's runtime code
 * is bundled in, and the declarations inline every @tasklane type so nothing points at an
 * unpublished workspace package.
 */
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  target: "node20",
  platform: "neutral",
  tsconfig: "tsconfig.build.json",
  clean: true,
  sourcemap: true,
  noExternal: [/^@tasklane\//],
  // Relative imports inside those packages must be followed too, hence the second pattern.
  dts: { resolve: [/^@tasklane\//, /^\.\.?\//] },
});

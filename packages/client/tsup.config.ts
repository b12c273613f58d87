import { defineConfig } from "tsup";

/**
 * The packed client must work where only its tarball is installed: the contract's runtime code
 * is bundled in, and the declarations inline every @tasklane type so nothing points at an
 * unpublished workspace package.
 *
 * An ES module build (dist/index.js, for `import`) and a CommonJS one (dist/index.cjs, for
 * `require`), each with its declarations (.d.ts, .d.cts): package.json's publishConfig points
 * its exports at them when it is packed. Inside the workspace its exports stay on src/index.ts,
 * so vitest, tsc, tsx and vite read the sources with no build and no custom condition to set up
 * in each of them. The CommonJS build require()s superjson, an ES module: Node does that from
 * 20.19, hence the package's engines.
 */
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  target: "node20",
  platform: "neutral",
  tsconfig: "tsconfig.build.json",
  clean: true,
  sourcemap: true,
  noExternal: [/^@tasklane\//],
  // Relative imports inside those packages must be followed too, hence the second pattern.
  dts: { resolve: [/^@tasklane\//, /^\.\.?\//] },
});

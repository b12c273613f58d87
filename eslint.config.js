// ESLint for the whole monorepo: `pnpm lint` runs it with --max-warnings 0, so every rule here is an error in effect.
// Type-aware: typescript-eslint's project service finds each file's own tsconfig (packages/*, apps/*, tests/*, bench).
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores([
    "**/node_modules/",
    "**/dist/",
    "**/data/",
    "**/coverage/",
    "**/test-artifacts/",
    "**/.vite/",
    // A packed copy of the published SDK the contract tests install; its files are the build's output.
    "tests/contract/fixtures/packed-client/",
  ]),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,

  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
      parserOptions: {
        projectService: {
          // Plain JS entry points no tsconfig includes (bin scripts, the thread entry, this file).
          allowDefaultProject: [
            "*.js",
            "scripts/*.mjs",
            "apps/cli/bin/*.js",
            "packages/server/src/threads/*.mjs",
            "packages/server/test/threads/*.mjs",
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // The three: promises awaited or deliberately voided, never passed where a void callback is expected, type-only imports marked.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { prefer: "type-imports", fixStyle: "inline-type-imports" }],
      // verbatimModuleSyntax keeps `import { type X }` as `import {}` at runtime: a side effect nobody asked for.
      "@typescript-eslint/no-import-type-side-effects": "error",
      "@typescript-eslint/consistent-type-exports": "error",
      // Forwarding a caught error or an abort reason unchanged is how the code passes errors on; only-throw-error allows it too.
      "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingAny: true, allowThrowingUnknown: true }],
      // A comment may explain a group of case labels that share one body.
      "no-fallthrough": ["error", { allowEmptyCase: true }],
      // An interface's Promise-returning method is often written async with no await: a throw inside becomes a rejection, as callers expect.
      "@typescript-eslint/require-await": "off",
      // `_`-prefixed names are the code's way of saying "deliberately unused" (a callback's position, a rest sibling).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },

  {
    files: ["**/*.js", "**/*.mjs"],
    // Plain JS has no annotations, so JSON.parse, message data and untyped imports are `any`: these rules would only restate that.
    // The promise rules stay on, with the types TypeScript infers.
    rules: {
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },

  {
    files: ["**/test/**/*.{ts,tsx}", "tests/**/*.ts", "**/*.test.{ts,tsx}"],
    rules: {
      // vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any` to fit any expected field; a parsed `any` is still caught where it is used (no-unsafe-member-access, -call, -argument).
      "@typescript-eslint/no-unsafe-assignment": "off",
    },
  },

  {
    files: ["apps/web/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
);

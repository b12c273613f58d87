import type { TestProjectInlineConfiguration } from "vitest/config";

/** Every test project; vitest 4 reads this list through vitest.config.ts's `test.projects`. */
const project = (name: string, root: string, extra: TestProjectInlineConfiguration["test"] = {}) =>
  ({ test: { name, root, include: ["test/**/*.test.ts"], ...extra } }) satisfies TestProjectInlineConfiguration;

export default [
  project("contract", "./packages/contract"),
  // Their cleanups drop PostgreSQL databases, which waits for every backend and takes seconds on a busy machine.
  project("pricing", "./packages/pricing", { testTimeout: 60_000, hookTimeout: 60_000 }),
  project("server", "./packages/server", { hookTimeout: 60_000 }),
  project("client", "./packages/client"),
  project("api", "./apps/api", { testTimeout: 30_000 }),
  // The CLI is tested as built (apps/cli/dist), so its setup builds it when its sources changed.
  project("cli", "./apps/cli", { testTimeout: 60_000, hookTimeout: 60_000, globalSetup: ["./test/build-cli.ts"] }),
  project("web", "./apps/web", { testTimeout: 180_000, hookTimeout: 180_000 }),
  project("e2e", "./tests/contract", { include: ["**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000 }),
  // The same contract suite on the distributed backend (Redis, PostgreSQL; see fixtures.ts).
  project("e2e-distributed", "./tests/contract", {
    include: ["**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { TASKLANE_TEST_BACKEND: "distributed" },
  }),
  project("distributed", "./tests/distributed", { include: ["**/*.test.ts"], testTimeout: 300_000, hookTimeout: 120_000 }),
  // Hostile files and requests against the real processes (issue 11); one file at a time, each test starts its own deployment.
  project("hostile", "./tests/hostile", { include: ["**/*.test.ts"], testTimeout: 300_000, hookTimeout: 60_000, fileParallelism: false }),
  // The same on an API node and a worker process over Redis and PostgreSQL (see tests/hostile/service.ts).
  project("hostile-distributed", "./tests/hostile", {
    include: ["**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    env: { TASKLANE_TEST_BACKEND: "distributed" },
  }),
];

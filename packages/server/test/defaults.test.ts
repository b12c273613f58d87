import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, expect, it } from "vitest";
import { type PricingHandlerDeps, pricingHandlers } from "../src/handlers/pricing-handlers.ts";
import { createDistributedWorker, createEmbeddedServer, loadConfig } from "../src/index.ts";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function embedded(options: Omit<Parameters<typeof createEmbeddedServer>[0], "dataDir" | "handlers"> = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "tasklane-defaults-"));
  dirs.push(dataDir);
  let deps: PricingHandlerDeps | undefined;
  const service = await createEmbeddedServer({
    dataDir,
    logger: false,
    ...options,
    handlers: (given) => {
      deps = given;
      return pricingHandlers(given);
    },
  });
  await service.stop();
  return { service, deps: deps! };
}

// Regression (issue 14): used as a library it ran tasks without time limits or a row cap, which `pnpm start` has.
it("createEmbeddedServer without options runs tasks under the service's time limits and row cap", async () => {
  const service = loadConfig({});
  const { service: library, deps } = await embedded();
  expect(library.limits).toEqual({ timeoutsMs: service.timeoutsMs, maxRowsPerFile: service.maxRowsPerFile });
  expect(deps.maxRowsPerFile).toBe(service.maxRowsPerFile);
});

it("a library caller's limits are kept, and a type it leaves out keeps the service's limit", async () => {
  const service = loadConfig({ TASKLANE_TASK_TIMEOUTS: "stockImport:60", TASKLANE_MAX_ROWS_PER_FILE: "500" });
  const { service: library, deps } = await embedded({ timeoutsMs: { stockImport: 60_000 }, maxRowsPerFile: 500 });
  expect(library.limits).toEqual({ timeoutsMs: service.timeoutsMs, maxRowsPerFile: 500 });
  expect(deps.maxRowsPerFile).toBe(500);
});

const databaseUrl = process.env.TASKLANE_TEST_DATABASE_URL;

// Not started: a worker reads its options when it is made, and only start() takes jobs from Redis.
it.skipIf(!databaseUrl)(
  "createDistributedWorker without options runs tasks under `pnpm worker`'s time limits and row cap (needs TASKLANE_TEST_DATABASE_URL)",
  async () => {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const name = `tasklane_defaults_${Date.now().toString(36)}`;
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(databaseUrl!);
      url.pathname = `/${name}`;
      let deps: PricingHandlerDeps | undefined;
      const worker = await createDistributedWorker({
        databaseUrl: url.href,
        redisUrl: "redis://127.0.0.1:6379",
        handlers: (given) => {
          deps = given;
          return pricingHandlers(given);
        },
      });
      await worker.stop();
      const service = loadConfig({ TASKLANE_BACKEND: "distributed", REDIS_URL: "redis://127.0.0.1:6379", DATABASE_URL: url.href });
      expect(worker.limits).toEqual({ timeoutsMs: service.timeoutsMs, maxRowsPerFile: service.maxRowsPerFile });
      expect(deps?.maxRowsPerFile).toBe(service.maxRowsPerFile);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  },
);

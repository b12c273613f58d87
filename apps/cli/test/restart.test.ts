import { randomUUID } from "node:crypto";
import { afterEach, expect, it, vi } from "vitest";
import { createTasklaneClient } from "@tasklane/client";
import {
  bigStockFile,
  deploymentEnv,
  freePort,
  freshDatabase,
  gate,
  recalcResult,
  startProcess,
  startRedis,
  startService,
  stopProcess,
  tempDir,
  testHandlers,
} from "@tasklane/testing";
import { spawnCli } from "./cli-process.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A distributed deployment (one API process, one worker, Redis, PostgreSQL): the task runs on the
 * worker, so it goes on while the API process restarts, as on a real deployment (issue 13). On the
 * embedded backend a restart interrupts the running task instead.
 */
async function deployment() {
  const redis = await startRedis();
  cleanups.push(() => redis.close());
  const database = await freshDatabase();
  cleanups.push(() => database.drop());
  const env = {
    ...deploymentEnv({ redisUrl: redis.url, databaseUrl: database.url }, `cli-${randomUUID()}`),
    TASKLANE_DATA_DIR: await tempDir(),
  };
  const port = await freePort();
  // Killed before the engines they use go away (cleanups run last-in first).
  const started = async (script: "api" | "worker", extra: Record<string, string> = {}) => {
    const proc = await startProcess(script, { ...env, ...extra });
    cleanups.push(() => stopProcess(proc));
    return proc;
  };
  const startApi = () => started("api", { PORT: String(port) });
  await started("worker");
  return { url: `http://127.0.0.1:${port}`, api: await startApi(), startApi, dataDir: env.TASKLANE_DATA_DIR };
}

// PostgreSQL as the other distributed suites have it (.ci/run sets the variable); skipped, by this name, where it is not set.
const withPostgres = it.skipIf(!process.env.TASKLANE_TEST_DATABASE_URL);

withPostgres(
  "watch rides out a restart of the API (needs TASKLANE_TEST_DATABASE_URL): says the service is away and back, then reports the task's end and exits 0",
  async () => {
    const { url, api, startApi, dataDir } = await deployment();
    const client = createTasklaneClient({ url });
    const { taskId } = await client.submit.stockImport({ file: await bigStockFile(dataDir, 300_000), supplier: "Ocean", kind: "stock" });
    const watch = spawnCli(["watch", taskId], { TASKLANE_URL: url });
    await vi.waitFor(() => expect(watch.stderr()).toMatch(/^(queued|running) /m), { timeout: 30_000, interval: 50 });

    await stopProcess(api, "SIGTERM");
    await vi.waitFor(() => expect(watch.stderr()).toContain("service unreachable"), { timeout: 30_000, interval: 50 });
    await startApi();

    const result = await watch.exited;
    expect(result.stderr).toContain(`tasklane: service unreachable at ${url}, retrying for up to 300 s…\ntasklane: service back\n`);
    expect(result.stdout).toMatch(/^Imported 300,000 of 300,000 rows/);
    expect(result.code).toBe(0);
    // About 30 s on 2 shared cores, most of it the import on PostgreSQL: room for a busier machine.
  },
  180_000,
);

it("watch --give-up-after: a service that stays away ends the wait with exit 5 and one line saying the task may go on", async () => {
  const hold = gate();
  const service = await startService({ handlers: testHandlers({ recalculate: async () => (await hold.promise, recalcResult(1)) }) });
  const { taskId } = await createTasklaneClient({ url: service.url }).submit.recalculate({});
  const watch = spawnCli(["watch", taskId, "--give-up-after", "1.5"], { TASKLANE_URL: service.url });
  await vi.waitFor(() => expect(watch.stderr()).toMatch(/^(queued|running) /m), { timeout: 30_000, interval: 50 });
  hold.open();
  await service.stop();
  const result = await watch.exited;
  expect(result.code).toBe(5);
  expect(result.stdout).toBe("");
  expect(result.stderr.trimEnd().split("\n").slice(-2)).toEqual([
    `tasklane: service unreachable at ${service.url}, retrying for up to 1.5 s…`,
    `tasklane: the service did not answer for 1.5 s: gave up waiting for task ${taskId}; it goes on: follow it with "tasklane watch ${taskId}", stop it with "tasklane cancel ${taskId}"`,
  ]);
});

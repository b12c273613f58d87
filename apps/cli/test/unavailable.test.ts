import { describe, expect, it, vi } from "vitest";
import { heldRecalculation, startDistributedService, stoppingService, takeDatabaseAway } from "@tasklane/testing";
import { createTasklaneClient } from "@tasklane/client";
import { runCli, spawnCli } from "./cli-process.ts";

const STOPPING_TEXT = "The service is stopping and takes no new tasks; try again in a moment";
const DATABASE_TEXT = "The database cannot be reached; nothing was changed. Try again in a moment.";

// PostgreSQL as the other distributed suites have it (.ci/run sets the variable); skipped, by this name, where it is not set.
const withPostgres = it.skipIf(!process.env.TASKLANE_TEST_DATABASE_URL);

describe("a 503 is named for what it is: the service stopping, or running without an engine (exit 2)", () => {
  it("a stopping service, in English and Russian", async () => {
    const service = await stoppingService();
    try {
      const en = await runCli(["recalculate"], { TASKLANE_URL: service.url });
      expect(en).toEqual({
        code: 2,
        stdout: "",
        stderr: `tasklane: the service at ${service.url} is stopping and takes no new work: ${STOPPING_TEXT}\n`,
      });
      const ru = await runCli(["recalculate"], { TASKLANE_URL: service.url, LANG: "ru_RU.UTF-8" });
      expect(ru).toEqual({
        code: 2,
        stdout: "",
        // The service's own sentence comes with its key, so it is in Russian too.
        stderr: `tasklane: служба по адресу ${service.url} останавливается и не принимает новую работу: Служба останавливается и не принимает новых задач; повторите чуть позже\n`,
      });
    } finally {
      await service.release();
    }
  });

  withPostgres(
    "its database away (needs TASKLANE_TEST_DATABASE_URL): a submit fails naming it, a wait says so and rides it out",
    async () => {
      const { hold, handlers } = heldRecalculation(1);
      const service = await startDistributedService({ handlers });
      const client = createTasklaneClient({ url: service.url });
      const { taskId } = await client.submit.recalculate({});
      await vi.waitFor(async () => expect((await client.getTask(taskId)).status).toBe("running"), { timeout: 30_000 });
      const watch = spawnCli(["watch", taskId], { TASKLANE_URL: service.url });
      await vi.waitFor(() => expect(watch.stderr()).toMatch(/^running /m), { timeout: 30_000, interval: 50 });

      const bringBack = await takeDatabaseAway(service.databaseUrl!);
      try {
        const en = await runCli(["recalculate"], { TASKLANE_URL: service.url });
        expect(en).toEqual({
          code: 2,
          stdout: "",
          stderr: `tasklane: the service at ${service.url} is running but cannot reach its database or task queue: ${DATABASE_TEXT}\n`,
        });
        const ru = await runCli(["recalculate"], { TASKLANE_URL: service.url, LANG: "ru_RU.UTF-8" });
        expect(ru.stderr).toBe(
          `tasklane: служба по адресу ${service.url} работает, но не может связаться со своей базой данных или очередью задач: ${DATABASE_TEXT}\n`,
        );
        await vi.waitFor(() => expect(watch.stderr()).toContain("cannot reach"), { timeout: 30_000, interval: 50 });
      } finally {
        await bringBack();
      }
      hold.open();
      const result = await watch.exited;
      expect(result.stderr).toContain(
        `tasklane: the service at ${service.url} cannot reach its database or task queue, retrying for up to 300 s…\ntasklane: service back\n`,
      );
      expect(result.code).toBe(0);
    },
    120_000,
  );
});

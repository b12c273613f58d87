import { TasklaneRequestError, createTasklaneClient } from "@tasklane/client";
import { describe, expect, it, vi } from "vitest";
import { distributed, startService, takeDatabaseAway, testHandlers } from "@tasklane/testing";

/** The Redis side of an outage is in tests/distributed (its own redis-server, stopped and started). */
describe.skipIf(!distributed)("PostgreSQL away", () => {
  it("requests answer 503 with a clear text and reason engineUnavailable, nothing is lost, and the service recovers when it returns", async () => {
    const service = await startService({ handlers: testHandlers() });
    const client = createTasklaneClient({ url: service.url });
    const before = await client.submitAndWait("recalculate", {});
    const bringBack = await takeDatabaseAway(service.databaseUrl!);
    const unread = "0b4f5a5e-8a49-4d2c-9d53-0d7e1c7b6f10";
    try {
      // A finished task this node has read is answered from its memory (FinishedTasks): polls go on.
      expect(await client.getTask(before.id)).toEqual(before);
      for (const attempt of [() => client.getTask(unread), () => client.submit.recalculate({}), () => client.listTasks()]) {
        const error = await attempt().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TasklaneRequestError);
        expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503, reason: "engineUnavailable" });
        expect((error as Error).message).toMatch(/database cannot be reached/);
      }
      const rest = await fetch(`${service.url}/api/tasks/${unread}`);
      expect(rest.status).toBe(503);
      expect(await rest.json()).toMatchObject({ error: { code: "SERVICE_UNAVAILABLE", reason: "engineUnavailable" } });
    } finally {
      await bringBack();
    }
    await vi.waitFor(async () => expect((await client.getTask(before.id)).result).toEqual(before.result), { timeout: 10_000 });
    const after = await client.submitAndWait("recalculate", {});
    expect(after.status).toBe("completed");
  });
});

/** /health is open to all, but only a caller with a token learns more than that the service is up. */
import { createTasklaneClient } from "@tasklane/client";
import { describe, expect, it, vi } from "vitest";
import { heldHandlers, startService, testHandlers } from "@tasklane/testing";

const TOKEN = "health-test-token-0001";

describe("GET /health", () => {
  it("says only that the service is up without a valid token, and the task counts with one", async () => {
    const { url } = await startService({ tokens: new Map([[TOKEN, "alice"]]) });
    for (const headers of [{}, { authorization: "Bearer not-the-token-at-all" }] as Record<string, string>[]) {
      const response = await fetch(`${url}/health`, { headers });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok" });
    }
    const detailed = await fetch(`${url}/health`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await detailed.json()).toEqual({ status: "ok", tasks: { queued: 0, running: 0 } });
  });

  it("gives the counts to every caller of a service without tokens (loopback only)", async () => {
    const { url } = await startService();
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: "ok", tasks: { queued: 0, running: 0 } });
  });

  // Regression (issue 14): an API node of the distributed backend always answered 0 and 0.
  it("counts the tasks that run and the tasks that wait for them, on either backend", async () => {
    const { started, handlers, release } = heldHandlers();
    const { url } = await startService({ handlers: testHandlers(handlers), concurrency: 1 });
    const client = createTasklaneClient({ url });
    const counts = async () => ((await (await fetch(`${url}/health`)).json()) as { tasks: unknown }).tasks;
    const first = await client.submit.pricelistCreate({ source: "estimate" });
    await vi.waitFor(() => expect(started).toEqual(["estimate"]));
    const second = await client.submit.pricelistCreate({ source: "warehouse" });
    const third = await client.submit.pricelistCreate({ source: "competitor" });
    await vi.waitFor(async () => expect(await counts()).toEqual({ queued: 2, running: 1 }));
    await client.cancelTask(third.taskId);
    await vi.waitFor(async () => expect(await counts()).toEqual({ queued: 1, running: 1 }));
    release("estimate");
    await vi.waitFor(() => expect(started).toEqual(["estimate", "warehouse"]));
    await vi.waitFor(async () => expect(await counts()).toEqual({ queued: 0, running: 1 }));
    release("warehouse");
    for (const { taskId } of [first, second]) expect((await client.pollTask(taskId)).status).toBe("completed");
    await vi.waitFor(async () => expect(await counts()).toEqual({ queued: 0, running: 0 }));
  });
});

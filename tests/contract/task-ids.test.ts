import { createTasklaneClient } from "@tasklane/client";
import { describe, expect, it, vi } from "vitest";
import { gate, startService, testHandlers, untilAborted } from "@tasklane/testing";

/** tasks.get over plain HTTP, without the client and so without the fast path's guesswork. */
async function trpcGet(url: string, id: string) {
  const response = await fetch(`${url}/trpc/tasks.get?input=${encodeURIComponent(JSON.stringify({ json: { id } }))}`);
  return { status: response.status, body: (await response.json()) as { result?: { data: { json: { id: string } } } } };
}

describe("task ids in upper case", () => {
  // With and without the fast path in front of tRPC's tasks.get (http/fast-task-get.ts).
  it.each([true, false])("name the same task in tasks.get, tasks.cancel and GET /api/tasks/:id (fast path %s)", async (fastTaskGet) => {
    const running = gate();
    const { url } = await startService({
      fastTaskGet,
      handlers: testHandlers({
        recalculate: async (_i, ctx) => {
          running.open();
          return untilAborted(ctx.signal);
        },
      }),
    });
    const client = createTasklaneClient({ url });
    const { taskId } = await client.submit.recalculate({});
    const upper = taskId.toUpperCase();
    expect(upper).not.toBe(taskId);

    const got = await trpcGet(url, upper);
    expect(got.status).toBe(200);
    expect(got.body.result?.data.json.id).toBe(taskId);
    expect((await client.getTask(upper)).id).toBe(taskId);

    const rest = await fetch(`${url}/api/tasks/${upper}`);
    expect(rest.status).toBe(200);
    expect(((await rest.json()) as { id: string }).id).toBe(taskId);

    await running.promise;
    await client.cancelTask(upper);
    await vi.waitFor(async () => expect((await client.getTask(taskId)).status).toBe("cancelled"));
  });

  it("an unknown id in upper case is still a 404, not another caller's task", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const unknown = crypto.randomUUID().toUpperCase();
    expect((await trpcGet(url, unknown)).status).toBe(404);
    expect((await fetch(`${url}/api/tasks/${unknown}`)).status).toBe(404);
  });
});

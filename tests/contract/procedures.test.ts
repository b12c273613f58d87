import { type TaskResult, TaskCancelledError, TaskFailedError, TasklaneRequestError, createTasklaneClient } from "@tasklane/client";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, expectTypeOf, it, vi } from "vitest";
import { gate, recalcResult, startService, tempDir, testHandlers, untilAborted } from "@tasklane/testing";

describe("the typed client against the real server", () => {
  it("submits each task type, answers with an id at once, and pollTask gives the typed result", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const client = createTasklaneClient({ url });

    const { taskId } = await client.submit.recalculate({});
    expect(taskId).toMatch(/^[0-9a-f-]{36}$/);
    const done = await client.pollTask(taskId);
    expectTypeOf(done.result).toEqualTypeOf<TaskResult<"recalculate">>();
    expect(done).toMatchObject({ id: taskId, type: "recalculate", status: "completed", progress: 100, result: recalcResult(50_005_000) });
    expect(done.createdAt).toBeInstanceOf(Date);
    expect(done.startedAt).toBeInstanceOf(Date);
    expect(done.doneAt).toBeInstanceOf(Date);

    const file = path.join(await tempDir(), "stock.csv");
    await writeFile(file, "PN;Price\nA1;10\n");
    const imported = await client.submitAndWait("stockImport", { file, supplier: "Ocean", kind: "stock" });
    expectTypeOf(imported.result).toEqualTypeOf<TaskResult<"stockImport">>();
    expect(imported.result.rowsTotal).toBe(5);

    const listed = await client.submitAndWait("pricelistCreate", { source: "warehouse" });
    expect(listed.result).toEqual({ pricelistId: listed.id, source: "warehouse", rows: 0 });
  });

  it("gets and lists tasks, newest first, with cursor paging", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const client = createTasklaneClient({ url });
    const ids = [];
    // One after another: the same pricelist submitted while one is still active answers with that one.
    for (let i = 0; i < 3; i++) ids.push((await client.submitAndWait("pricelistCreate", { source: "estimate" })).id);
    const task = await client.getTask(ids[0]!);
    expect(task.type).toBe("pricelistCreate");
    const page1 = await client.listTasks({ limit: 2 });
    expect(page1.items.map((t) => t.id)).toEqual([ids[2], ids[1]]);
    expect(page1.items[0]!.createdAt).toBeInstanceOf(Date);
    const page2 = await client.listTasks({ limit: 2, cursor: page1.nextCursor! });
    expect(page2).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });
    expect((await client.listTasks({ type: "recalculate" })).items).toEqual([]);
  });

  it("cancels a running task: its handler's signal fires and pollTask rejects with TaskCancelledError", async () => {
    let aborted = false;
    const { url } = await startService({
      handlers: testHandlers({
        recalculate: async (_i, ctx) => {
          ctx.progress(10, "Waiting to be cancelled");
          ctx.signal.addEventListener("abort", () => (aborted = true));
          return untilAborted(ctx.signal);
        },
      }),
    });
    const client = createTasklaneClient({ url });
    const { taskId } = await client.submit.recalculate({});
    await vi.waitFor(async () => expect((await client.getTask(taskId)).status).toBe("running"));
    await client.cancelTask(taskId);
    const error = await client.pollTask(taskId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskCancelledError);
    expect((error as TaskCancelledError).task).toMatchObject({ status: "cancelled", error: "Cancelled by the caller" });
    expect(aborted).toBe(true);
  });

  it("a failing handler ends as error with its text, and the server keeps serving", async () => {
    const { url } = await startService({
      handlers: testHandlers({
        pricelistCreate: async () => {
          throw new Error("No components have a price yet");
        },
      }),
    });
    const client = createTasklaneClient({ url });
    const failed = await client.submitAndWait("pricelistCreate", { source: "estimate" }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(TaskFailedError);
    expect((failed as TaskFailedError).task).toMatchObject({ status: "error", error: "No components have a price yet" });
    expect((await client.submitAndWait("recalculate", {})).status).toBe("completed");
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it("shows progress and message while a task runs", async () => {
    const hold = gate();
    const { url } = await startService({
      progressFlushMs: 5,
      handlers: testHandlers({
        recalculate: async (_i, ctx) => {
          ctx.progress(40, "Saving 40,000 rows");
          await hold.promise;
          return recalcResult(1);
        },
      }),
    });
    const client = createTasklaneClient({ url });
    const { taskId } = await client.submit.recalculate({});
    await vi.waitFor(async () =>
      expect(await client.getTask(taskId)).toMatchObject({ status: "running", progress: 40, message: "Saving 40,000 rows" }),
    );
    hold.open();
    expect((await client.pollTask(taskId)).progress).toBe(100);
  });
});

describe("the tasks.get fast path's answer cache", () => {
  // Its answers are reused while status, progress and message stay the same; a change of
  // progress alone must still reach the next poll.
  it("shows a new progress with the same status and message", async () => {
    const first = gate();
    const second = gate();
    const { url, tasks } = await startService({
      progressFlushMs: 5,
      handlers: testHandlers({
        recalculate: async (_i, ctx) => {
          ctx.progress(10, "Working");
          await first.promise;
          ctx.progress(20, "Working");
          await second.promise;
          return recalcResult(1);
        },
      }),
    });
    const client = createTasklaneClient({ url });
    const { taskId } = await client.submit.recalculate({});
    await vi.waitFor(async () => expect(await client.getTask(taskId)).toMatchObject({ progress: 10, message: "Working" }));
    expect((await client.getTask(taskId)).progress).toBe(10);
    first.open();
    await vi.waitFor(async () => expect((await tasks.get(taskId, "local"))!.progress).toBe(20));
    expect(await client.getTask(taskId)).toMatchObject({ status: "running", progress: 20, message: "Working" });
    second.open();
    expect((await client.pollTask(taskId)).progress).toBe(100);
  });
});

describe("error codes", () => {
  async function requestError(promise: Promise<unknown>): Promise<TasklaneRequestError> {
    const error = await promise.then(
      () => expect.fail("expected a rejection"),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TasklaneRequestError);
    return error as TasklaneRequestError;
  }

  it("BAD_REQUEST names each wrong field", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const client = createTasklaneClient({ url });
    const error = await requestError(client.submit.stockImport({ uploadId: "nope", supplier: " ", kind: "gold" }));
    expect(error).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400 });
    expect(error.message).toMatch(/^Invalid input: /);
    expect(error.message).toContain("uploadId:");
    expect(error.message).toContain("supplier: must not be empty");
    expect(error.message).toContain("kind:");
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["kind", "supplier", "uploadId"]);

    const extra = await requestError(client.submit.recalculate({ everything: true }));
    expect(extra.code).toBe("BAD_REQUEST");
    expect(extra.message).toContain("everything");
  });

  it("BAD_REQUEST reaches a raw HTTP caller as status 400", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const response = await fetch(`${url}/trpc/tasks.submit.pricelistCreate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { source: 7 } }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { json: { message: string; data: { fieldErrors: object } } } };
    expect(body.error.json.message).toContain("source");
    expect(body.error.json.data.fieldErrors).toHaveProperty("source");
  });

  it("NOT_FOUND for an unknown task, from get and cancel", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const client = createTasklaneClient({ url });
    const unknown = crypto.randomUUID();
    expect(await requestError(client.getTask(unknown))).toMatchObject({ code: "NOT_FOUND", httpStatus: 404 });
    expect(await requestError(client.cancelTask(unknown))).toMatchObject({ code: "NOT_FOUND", httpStatus: 404 });
  });

  it("UNAUTHORIZED without a valid token; a task is invisible to another caller", async () => {
    const tokens = new Map([
      ["token-a", "alice"],
      ["token-b", "bob"],
    ]);
    const { url } = await startService({ tokens });
    const alice = createTasklaneClient({ url, token: "token-a" });
    const bob = createTasklaneClient({ url, token: "token-b" });
    const { taskId } = await alice.submit.recalculate({});
    expect(await requestError(createTasklaneClient({ url }).getTask(taskId))).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401 });
    expect(await requestError(createTasklaneClient({ url, token: "wrong" }).submit.recalculate({}))).toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect(await requestError(bob.getTask(taskId))).toMatchObject({ code: "NOT_FOUND" });
    expect(await requestError(bob.cancelTask(taskId))).toMatchObject({ code: "NOT_FOUND" });
    expect((await bob.listTasks()).items).toEqual([]);
    expect((await alice.pollTask(taskId)).status).toBe("completed");
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it("SERVICE_UNAVAILABLE, reason stopping, for a submit while the service stops", async () => {
    const service = await startService({ handlers: testHandlers() });
    await service.tasks.close();
    const error = await requestError(createTasklaneClient({ url: service.url }).submit.recalculate({}));
    expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503, reason: "stopping" });
  });

  it("UNREACHABLE when nothing listens", async () => {
    const service = await startService({ handlers: testHandlers() });
    await service.stop();
    const error = await requestError(createTasklaneClient({ url: service.url }).getTask(crypto.randomUUID()));
    expect(error.code).toBe("UNREACHABLE");
    expect(error.message).toContain(service.url);
  });
});

describe("plain REST beside tRPC", () => {
  it("GET /api/tasks/:id answers the same task as JSON", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const client = createTasklaneClient({ url });
    const done = await client.submitAndWait("recalculate", {});
    const response = await fetch(`${url}/api/tasks/${done.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      ...done,
      createdAt: done.createdAt.toISOString(),
      startedAt: done.startedAt!.toISOString(),
      doneAt: done.doneAt!.toISOString(),
    });
  });

  it("answers 404 and 400 as JSON, and 401 without a token when tokens are set", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const missing = await fetch(`${url}/api/tasks/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    const bad = await fetch(`${url}/api/tasks/not-a-uuid`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "BAD_REQUEST", message: expect.stringContaining("id") } });

    const secured = await startService({ tokens: new Map([["t", "alice"]]) });
    const denied = await fetch(`${secured.url}/api/tasks/${crypto.randomUUID()}`);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ error: { code: "UNAUTHORIZED" } });
  });

  it("GET /health needs no token", async () => {
    const { url } = await startService({ tokens: new Map([["t", "alice"]]) });
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("CORS allows only the listed origins", async () => {
    const { url } = await startService({ corsOrigins: ["http://pricing.example"] });
    const preflight = (origin: string) =>
      fetch(`${url}/trpc/tasks.get`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
      });
    expect((await preflight("http://pricing.example")).headers.get("access-control-allow-origin")).toBe("http://pricing.example");
    expect((await preflight("http://evil.example")).headers.get("access-control-allow-origin")).toBeNull();
  });
});

/**
 * The fast path for tasks.get (packages/server/src/http/fast-task-get.ts) must be invisible: the same
 * requests get the same status, content-type, vary, CORS header and body bytes as from tRPC's own
 * handler, and the official @trpc/client gets equal results through httpLink and httpBatchLink.
 *
 * How both paths see the same data: finished tasks live in the SQLite file, so a service with
 * `fastTaskGet: false` and one with the default run side by side on one data folder (the second
 * starts once every task has finished, so its start-up marks nothing as interrupted). Queued and
 * running tasks live in one process's memory: for those one service answers both ways, because the
 * fast path declines a GET that carries a content-type header, which tRPC reads exactly as one
 * without (its JSON handler serves every GET); the first test checks that this detour really gives
 * tRPC's answer. The framing tells which path answered: tRPC's adapter streams (chunked), the fast
 * path sends a content-length — a fetch caller never sees the difference.
 */
import type { AppRouter } from "@tasklane/server";
import { type TRPCLink, TRPCClientError, createTRPCClient, httpBatchLink, httpLink } from "@trpc/client";
import { createTasklaneClient } from "@tasklane/client";
import type { Task } from "@tasklane/contract";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { askTaskGet, distributed, gate, recalcResult, startService, tempDir, testHandlers, untilAborted } from "@tasklane/testing";

const TOKENS = new Map([
  ["token-alice", "alice"],
  ["token-bob", "bob"],
]);
const ORIGIN = "http://web.example";
const UNKNOWN_ID = "6f1c1a9e-2b1e-4d4f-9a36-0c3b8f3e9d10";
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const ALICE = bearer("token-alice");

/** The URLs @trpc/client builds for tasks.get (httpUtils getUrl in @trpc/client 11). */
const enc = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const single = (input: unknown) => `/trpc/tasks.get?input=${enc(superjson.serialize(input))}`;
const batch = (inputs: unknown[]) =>
  `/trpc/${inputs.map(() => "tasks.get").join(",")}?batch=1&input=${enc(Object.fromEntries(inputs.map((v, i) => [i, superjson.serialize(v)])))}`;

const ask = (base: string, path: string, init: RequestInit = {}) => askTaskGet(base + path, init);

/** Through tRPC's own handler on the same service: see the header comment. */
const viaTrpc = (headers: Record<string, string> = {}) => ({ headers: { ...headers, "content-type": "application/json" } });

const handlers = testHandlers({
  pricelistCreate: async (input, ctx) => {
    if (input.source === "estimate") throw new Error("No estimate prices to build from");
    if (input.source === "warehouse") return untilAborted(ctx.signal);
    return { pricelistId: ctx.taskId, source: input.source, rows: 0 };
  },
});

async function untilFinal(client: ReturnType<typeof createTasklaneClient>, id: string): Promise<Task> {
  for (;;) {
    const task = await client.getTask(id);
    if (["completed", "error", "cancelled"].includes(task.status)) return task;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** What a caller of the official client can observe of one result. */
function observed(result: PromiseSettledResult<unknown>) {
  if (result.status === "fulfilled") return { ok: result.value };
  const error = result.reason as TRPCClientError<AppRouter>;
  expect(error).toBeInstanceOf(TRPCClientError);
  return { error: { message: error.message, data: error.data, shape: error.shape } };
}

function officialClients(url: string, token: string) {
  const options = { url: `${url}/trpc`, transformer: superjson, headers: bearer(token) };
  const links: Record<string, TRPCLink<AppRouter>> = { httpLink: httpLink(options), httpBatchLink: httpBatchLink(options) };
  return Object.entries(links).map(([name, link]) => ({ name, trpc: createTRPCClient<AppRouter>({ links: [link] }) }));
}

describe("the tasks.get fast path answers exactly as tRPC does", () => {
  // Two services over one data folder: an embedded arrangement. The distributed backend's API nodes run the same fast path.
  it.skipIf(distributed)("byte for byte on finished tasks and every error, single and batched, and for the official client", async () => {
    const dataDir = await tempDir();
    const common = { dataDir, tokens: TOKENS, handlers, corsOrigins: [ORIGIN] };
    const trpcOnly = await startService({ ...common, fastTaskGet: false });
    const alice = createTasklaneClient({ url: trpcOnly.url, token: "token-alice" });
    const bob = createTasklaneClient({ url: trpcOnly.url, token: "token-bob" });

    const completed = await alice.submit.recalculate({});
    const failed = await alice.submit.pricelistCreate({ source: "estimate" });
    const cancelled = await alice.submit.pricelistCreate({ source: "warehouse" });
    const bobs = await bob.submit.recalculate({});
    await alice.cancelTask(cancelled.taskId);
    const final = await Promise.all([
      untilFinal(alice, completed.taskId),
      untilFinal(alice, failed.taskId),
      untilFinal(alice, cancelled.taskId),
      untilFinal(bob, bobs.taskId),
    ]);
    expect(final.map((t) => t.status)).toEqual(["completed", "error", "cancelled", "completed"]);
    // Every store write is done once nothing is queued or running.
    while (Object.values(await trpcOnly.tasks.stats()).some((n) => n > 0)) await new Promise((r) => setTimeout(r, 10));
    const fast = await startService({ ...common });

    const ids = { completed: completed.taskId, failed: failed.taskId, cancelled: cancelled.taskId };
    const requests: [name: string, path: string, headers: Record<string, string>, status: number][] = [
      ["completed", single({ id: ids.completed }), ALICE, 200],
      ["error task", single({ id: ids.failed }), ALICE, 200],
      ["cancelled task", single({ id: ids.cancelled }), ALICE, 200],
      ["with an Origin (CORS)", single({ id: ids.completed }), { ...ALICE, origin: ORIGIN }, 200],
      ["bob's own task", single({ id: bobs.taskId }), bearer("token-bob"), 200],
      ["another caller's task", single({ id: bobs.taskId }), ALICE, 404],
      ["unknown task", single({ id: UNKNOWN_ID }), ALICE, 404],
      ["bad uuid", single({ id: "not-a-uuid" }), ALICE, 400],
      ["missing input", "/trpc/tasks.get", ALICE, 400],
      ["empty input", "/trpc/tasks.get?input=", ALICE, 400],
      ["extra key", single({ id: ids.completed, extra: 1 }), ALICE, 400],
      ["malformed JSON input", "/trpc/tasks.get?input=%7Bnot-json", ALICE, 400],
      ["input without superjson's envelope", `/trpc/tasks.get?input=${enc({ id: ids.completed })}`, ALICE, 400],
      ["no token", single({ id: ids.completed }), {}, 401],
      ["wrong token", single({ id: ids.completed }), bearer("token-nobody"), 401],
      ["batch of 1", batch([{ id: ids.completed }]), ALICE, 200],
      ["batch of 3, all found", batch([{ id: ids.completed }, { id: ids.failed }, { id: ids.cancelled }]), ALICE, 200],
      ["batch of 3, mixed", batch([{ id: ids.completed }, { id: UNKNOWN_ID }, { id: "nope" }]), ALICE, 207],
      ["batch of 3, all unknown", batch([{ id: UNKNOWN_ID }, { id: bobs.taskId }, { id: UNKNOWN_ID }]), ALICE, 404],
      ["batch without a token", batch([{ id: ids.completed }, { id: ids.failed }]), {}, 401],
      [
        "batch, an input missing",
        `/trpc/tasks.get,tasks.get?batch=1&input=${enc({ 0: superjson.serialize({ id: ids.completed }) })}`,
        ALICE,
        207,
      ],
      ["batch input not an object", `/trpc/tasks.get?batch=1&input=${enc([superjson.serialize({ id: ids.completed })])}`, ALICE, 400],
      [
        "batch with another procedure",
        `/trpc/tasks.get,tasks.list?batch=1&input=${enc({ 0: superjson.serialize({ id: ids.completed }) })}`,
        ALICE,
        200,
      ],
      ["an extra query parameter", `${single({ id: ids.completed })}&trace=1`, ALICE, 200],
      ["connectionParams in the query", `${single({ id: ids.completed })}&connectionParams=${enc({})}`, ALICE, 200],
      ["comma path without batch=1", `/trpc/tasks.get,tasks.get?input=${enc(superjson.serialize({ id: ids.completed }))}`, ALICE, 404],
    ];
    for (const [name, path, headers, status] of requests) {
      const reference = await ask(trpcOnly.url, path, { headers });
      const answer = await ask(fast.url, path, { headers });
      expect({ name, ...answer, servedBy: undefined }, name).toEqual({ name, ...reference, servedBy: undefined });
      expect(reference.status, name).toBe(status);
      expect(reference.servedBy, name).toBe("trpc");
      // Only all-success tasks.get requests take the fast path; everything else is tRPC's.
      const allFound = status === 200 && !name.includes("another procedure") && !name.includes("connectionParams");
      expect(answer.servedBy, name).toBe(allFound ? "fast" : "trpc");
      // The detour used for in-flight tasks below gives tRPC's own answer.
      expect({ name, ...(await ask(fast.url, path, viaTrpc(headers))) }, name).toEqual({ name, ...reference });
    }
    // A POST and a HEAD to tasks.get are not the fast path's.
    for (const method of ["POST", "HEAD"]) {
      const init = { method, headers: ALICE };
      expect(await ask(fast.url, single({ id: ids.completed }), init)).toEqual(
        await ask(trpcOnly.url, single({ id: ids.completed }), init),
      );
    }

    for (const token of ["token-alice", "token-nobody"]) {
      const [reference, answer] = await Promise.all(
        [trpcOnly.url, fast.url].map(async (url) =>
          Promise.all(
            officialClients(url, token).map(async ({ name, trpc }) => {
              const one = async (id: string) => observed((await Promise.allSettled([trpc.tasks.get.query({ id })]))[0]);
              // The same tick: httpBatchLink sends these three as one request.
              const three = (await Promise.allSettled([ids.completed, UNKNOWN_ID, "nope"].map((id) => trpc.tasks.get.query({ id })))).map(
                observed,
              );
              return {
                name,
                completed: await one(ids.completed),
                failed: await one(ids.failed),
                cancelled: await one(ids.cancelled),
                three,
              };
            }),
          ),
        ),
      );
      expect(answer).toEqual(reference);
    }
  });

  it("byte for byte on a running task and a queued one behind it, single and batched", async () => {
    const held = gate();
    const { url } = await startService({
      concurrency: 1,
      handlers: testHandlers({
        recalculate: async (_input, ctx) => {
          ctx.progress(40, "Halfway");
          // Aborted too, so a failed assertion cannot leave the service waiting at stop.
          await Promise.race([held.promise, untilAborted(ctx.signal)]);
          return recalcResult(1);
        },
      }),
    });
    const client = createTasklaneClient({ url });
    const running = await client.submit.recalculate({});
    const queued = await client.submit.pricelistCreate({ source: "warehouse" });
    while ((await client.getTask(running.taskId)).progress !== 40) await new Promise((r) => setTimeout(r, 10));
    expect((await client.getTask(queued.taskId)).status).toBe("queued");

    for (const path of [
      single({ id: running.taskId }),
      single({ id: queued.taskId }),
      batch([{ id: running.taskId }, { id: queued.taskId }]),
    ]) {
      const answer = await ask(url, path);
      const reference = await ask(url, path, viaTrpc());
      expect([answer.servedBy, reference.servedBy]).toEqual(["fast", "trpc"]);
      expect({ ...answer, servedBy: undefined }).toEqual({ ...reference, servedBy: undefined });
    }
    expect(
      (JSON.parse((await ask(url, single({ id: running.taskId }))).body) as { result: { data: { json: unknown } } }).result.data.json,
    ).toMatchObject({ status: "running", progress: 40 });
    held.open();
    expect((await client.pollTask(running.taskId)).status).toBe("completed");
  });
});

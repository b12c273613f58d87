/**
 * The tasks.get fast path's memory (http/fast-task-get.ts, FinishedTasks' answers, AccessControl's
 * remembered headers) on the real embedded service: what it answers from memory is tRPC's answer
 * byte for byte, and it answers nothing from memory that the service would no longer answer.
 * tests/contract/fast-path.test.ts compares the fast path with tRPC for every kind of request;
 * the detour used here to get tRPC's own answer on one service (a content-type header) is its.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import superjson from "superjson";
import { afterEach, describe, expect, it } from "vitest";
import { type EmbeddedOptions, createEmbeddedServer } from "../src/index.ts";
import { askTaskGet } from "@tasklane/testing";
import { testHandlers } from "./helpers.ts";

const TOKENS = new Map([
  ["token-alice", "alice"],
  ["token-bob", "bob"],
]);
const ORIGIN = "http://web.example";
const RETENTION_MS = 60 * 60_000;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const ALICE = bearer("token-alice");
const BOB = bearer("token-bob");

const enc = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const single = (id: string) => `/trpc/tasks.get?input=${enc(superjson.serialize({ id }))}`;
const batch = (ids: string[]) =>
  `/trpc/${ids.map(() => "tasks.get").join(",")}?batch=1&input=${enc(Object.fromEntries(ids.map((id, i) => [i, superjson.serialize({ id })])))}`;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: Partial<EmbeddedOptions> & { dataDir: string }) {
  const service = await createEmbeddedServer({
    host: "127.0.0.1",
    port: 0,
    logger: false,
    graceMs: 0,
    handlers: () => testHandlers(),
    ...options,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await service.stop();
  };
  cleanups.push(stop);
  return { ...service, url: await service.start(), stop };
}

async function folder() {
  const dir = await mkdtemp(path.join(tmpdir(), "tasklane-fast-get-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function finishedTask(url: string, headers: Record<string, string>): Promise<string> {
  const submit = await fetch(`${url}/trpc/tasks.submit.recalculate`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ json: {} }),
  });
  const { taskId } = ((await submit.json()) as { result: { data: { json: { taskId: string } } } }).result.data.json;
  for (;;) {
    const task = (await (await fetch(`${url}/api/tasks/${taskId}`, { headers })).json()) as { status: string };
    if (task.status === "completed") return taskId;
    await new Promise((r) => setTimeout(r, 10));
  }
}

const ask = (url: string, headers: Record<string, string>) => askTaskGet(url, { headers });

/** The same request through tRPC's own handler: the fast path declines a GET with a content-type, which tRPC reads as without. */
const viaTrpc = (url: string, headers: Record<string, string>) => ask(url, { ...headers, "content-type": "application/json" });

describe("the tasks.get fast path's memory", () => {
  it("answers a finished task from memory with tRPC's answer byte for byte, single and batched, with CORS", async () => {
    const service = await start({ dataDir: await folder(), tokens: TOKENS, corsOrigins: [ORIGIN], retentionMs: RETENTION_MS });
    const [one, two] = [await finishedTask(service.url, ALICE), await finishedTask(service.url, ALICE)];
    for (const headers of [ALICE, { ...ALICE, origin: ORIGIN }]) {
      for (const requestPath of [single(one), batch([one]), batch([one, two])]) {
        const reference = await viaTrpc(service.url + requestPath, headers);
        expect(reference).toMatchObject({ status: 200, servedBy: "trpc" });
        // The first may read the store; the rest are answered from memory.
        for (let i = 0; i < 3; i++) expect(await ask(service.url + requestPath, headers)).toEqual({ ...reference, servedBy: "fast" });
      }
    }
    // What memory holds is what was sent for one call.
    const sent = await ask(service.url + single(one), ALICE);
    expect(service.tasks.answerOf(one, "alice")).toBe(sent.body);
    expect(service.tasks.answerOf(one, "bob")).toBeUndefined();
    // An input superjson cannot read (it throws) is tRPC's 400, as is every error.
    const unreadable = `/trpc/tasks.get?batch=1&input=${enc({ 0: { json: { id: one }, meta: { values: ["bogus"] } } })}`;
    expect(await ask(service.url + unreadable, ALICE)).toEqual({ ...(await viaTrpc(service.url + unreadable, ALICE)), servedBy: "trpc" });
    // Another caller's task is tRPC's 404 however often it was answered to its owner.
    expect(await ask(service.url + single(one), BOB)).toEqual({ ...(await viaTrpc(service.url + single(one), BOB)), servedBy: "trpc" });
  });

  it("does not answer from memory a task past retention: once retention removed it, the poll is tRPC's 404", async () => {
    let offsetMs = 0;
    const service = await start({
      dataDir: await folder(),
      tokens: TOKENS,
      retentionMs: RETENTION_MS,
      now: () => new Date(Date.now() + offsetMs),
    });
    const id = await finishedTask(service.url, ALICE);
    const poll = service.url + batch([id]);
    expect(await ask(poll, ALICE)).toMatchObject({ status: 200, servedBy: "fast" });
    expect(await ask(poll, ALICE)).toMatchObject({ status: 200, servedBy: "fast" });
    expect(service.tasks.answerOf(id, "alice")).toBeDefined();

    offsetMs = RETENTION_MS + 1_000;
    expect(await service.retention.sweep()).toMatchObject({ tasks: 1 });
    const gone = await ask(poll, ALICE);
    expect(gone).toMatchObject({ status: 404, servedBy: "trpc" });
    expect(gone).toEqual(await viaTrpc(poll, ALICE));
    expect(service.tasks.answerOf(id, "alice")).toBeUndefined();
  });

  it("does not answer from memory a caller whose token was taken out of the configuration", async () => {
    const dataDir = await folder();
    const before = await start({ dataDir, tokens: TOKENS, retentionMs: RETENTION_MS });
    const id = await finishedTask(before.url, BOB);
    const poll = batch([id]);
    for (let i = 0; i < 3; i++) expect(await ask(before.url + poll, BOB)).toMatchObject({ status: 200, servedBy: "fast" });
    await before.stop();

    // The same data, restarted without bob's token; in this process, so that memory kept by module state would show.
    const after = await start({ dataDir, tokens: new Map([["token-alice", "alice"]]), retentionMs: RETENTION_MS });
    const refused = await ask(after.url + poll, BOB);
    expect(refused).toMatchObject({ status: 401, servedBy: "trpc" });
    expect(refused).toEqual(await viaTrpc(after.url + poll, BOB));
    expect(await ask(after.url + poll, ALICE)).toMatchObject({ status: 404, servedBy: "trpc" });
  });
});

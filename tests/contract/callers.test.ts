import { type TasklaneClient, TasklaneRequestError, createTasklaneClient } from "@tasklane/client";
import { createPostgresPool, postgresPricingDb } from "@tasklane/pricing";
import { DEFAULT_MAX_QUEUED_PER_CALLER, PostgresUploadStore, type UploadStore, createEmbeddedServer } from "@tasklane/server";
import { describe, expect, it, vi } from "vitest";
import { distributed, heldHandlers, startService, tempDir, testHandlers } from "@tasklane/testing";

const TOKENS = new Map([
  ["token-a", "alice"],
  ["token-b", "bob"],
]);

async function refusal(call: Promise<unknown>): Promise<TasklaneRequestError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TasklaneRequestError);
  return error as TasklaneRequestError;
}

async function importer(client: TasklaneClient) {
  const { uploadId } = await client.uploadFile(new Blob(["PN;Price\nA1;10\n"]), { filename: "stock.csv" });
  return (supplier: string) => client.submit.stockImport({ uploadId, supplier, kind: "stock" });
}

describe("an idempotency key reused with another task type", () => {
  it("is a 409 CONFLICT naming the key, never the other type's task", async () => {
    const held = heldHandlers();
    const { url } = await startService({ handlers: testHandlers(held.handlers) });
    const client = createTasklaneClient({ url });
    const first = await client.submit.recalculate({ idempotencyKey: "abc" });
    const error = await refusal(client.submit.pricelistCreate({ source: "estimate", idempotencyKey: "abc" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.httpStatus).toBe(409);
    expect(error.message).toBe('The idempotency key "abc" was already used for a recalculate task');
    expect(await client.submit.recalculate({ idempotencyKey: "abc" })).toEqual({ taskId: first.taskId, deduplicated: true });
  });
});

describe("fair order across callers", () => {
  it("one caller's queued imports do not hold back another caller's pricelist", async () => {
    const held = heldHandlers();
    const { url } = await startService({ handlers: testHandlers(held.handlers), tokens: TOKENS, concurrency: 1 });
    const alice = await importer(createTasklaneClient({ url, token: "token-a" }));
    const bob = createTasklaneClient({ url, token: "token-b" });
    for (let i = 0; i < 20; i++) await alice(`a${i}`);
    await vi.waitFor(() => expect(held.started).toEqual(["a0"]));
    await bob.submit.pricelistCreate({ source: "estimate" });
    held.release("a0");
    await vi.waitFor(() => expect(held.started).toEqual(["a0", "estimate"]));
    held.release("estimate");
    await vi.waitFor(() => expect(held.started).toEqual(["a0", "estimate", "a1"]));
  });
});

describe("queued tasks per caller", () => {
  const BOUND = 20;
  it(`past the bound (here ${BOUND}) waiting, a caller's submit is a 429 with a clear text; other callers go on`, async () => {
    const held = heldHandlers();
    const { url } = await startService({
      handlers: testHandlers(held.handlers),
      tokens: TOKENS,
      concurrency: 1,
      maxQueuedPerCaller: BOUND,
    });
    const alice = await importer(createTasklaneClient({ url, token: "token-a" }));
    const bob = await importer(createTasklaneClient({ url, token: "token-b" }));
    await alice("running");
    await vi.waitFor(() => expect(held.started).toEqual(["running"]));
    // Below the bound submits may race; the last ones go one at a time, so the count is exact.
    await Promise.all(Array.from({ length: BOUND - 5 }, (_, i) => alice(`s${i}`)));
    for (let i = BOUND - 5; i < BOUND; i++) await alice(`s${i}`);
    const error = await refusal(alice("one-too-many"));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.httpStatus).toBe(429);
    expect(error.message).toBe(`You have ${BOUND} tasks waiting; wait for some to finish before submitting more`);
    expect((await alice("s0")).deduplicated).toBe(true);
    expect((await bob("b0")).deduplicated).toBe(false);
  });

  it(`the default bound is ${DEFAULT_MAX_QUEUED_PER_CALLER.toLocaleString("en-US")}`, () => {
    expect(DEFAULT_MAX_QUEUED_PER_CALLER).toBe(1_000);
  });
});

/**
 * The service, and its own upload store to read back (the route that refuses past the bound is
 * wired in http/uploads-route.ts). Embedded: the store the service hands its handlers.
 */
async function serviceWithUploads(): Promise<{ url: string; uploads: UploadStore; stop: () => Promise<void> }> {
  if (distributed) {
    const service = await startService({ tokens: TOKENS });
    const pool = createPostgresPool(service.databaseUrl!);
    return { url: service.url, uploads: new PostgresUploadStore(postgresPricingDb(pool)), stop: () => pool.end() };
  }
  let uploads: UploadStore | undefined;
  const service = await createEmbeddedServer({
    dataDir: await tempDir(),
    host: "127.0.0.1",
    port: 0,
    logger: false,
    graceMs: 0,
    tokens: TOKENS,
    handlers: (deps) => {
      uploads = deps.uploads;
      return testHandlers();
    },
  });
  const url = await service.start();
  return { url, uploads: uploads!, stop: () => service.stop() };
}

describe("upload bytes kept per caller", () => {
  it("are the sizes of the caller's uploads, each caller's own", async () => {
    const { url, uploads, stop } = await serviceWithUploads();
    try {
      const alice = createTasklaneClient({ url, token: "token-a" });
      const bob = createTasklaneClient({ url, token: "token-b" });
      expect(await uploads.bytesKeptBy("alice")).toBe(0);
      const sizes = [
        (await alice.uploadFile(new Blob(["PN;Price\nA1;10\n"]), { filename: "a.csv" })).size,
        (await alice.uploadFile(new Blob(["x".repeat(70_000)]), { filename: "b.csv" })).size,
      ];
      await bob.uploadFile(new Blob(["PN;Price\n"]), { filename: "c.csv" });
      expect(await uploads.bytesKeptBy("alice")).toBe(sizes[0]! + sizes[1]!);
      expect(await uploads.bytesKeptBy("bob")).toBe(9);
    } finally {
      await stop();
    }
  });

  it("past the bound, POST /api/uploads answers 429 with a clear text and keeps nothing; other callers go on", async () => {
    const { url } = await startService({ tokens: TOKENS, maxUploadBytesPerCaller: 1_000 });
    const alice = createTasklaneClient({ url, token: "token-a" });
    const bob = createTasklaneClient({ url, token: "token-b" });
    await alice.uploadFile(new Blob(["x".repeat(1_000)]), { filename: "full.csv" });
    const error = await refusal(alice.uploadFile(new Blob(["PN;Price\nA1;10\n"]), { filename: "more.csv" }));
    expect(error.httpStatus).toBe(429);
    expect(error.message).toMatch(
      /^You have .* of uploads kept, the most one caller may keep; wait for older ones to be removed before uploading more$/,
    );
    expect((await bob.uploadFile(new Blob(["PN;Price\n"]), { filename: "c.csv" })).size).toBe(9);
  });
});

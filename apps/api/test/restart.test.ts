import { writeFile } from "node:fs/promises";
import path from "node:path";
import { TasklaneRequestError, createTasklaneClient } from "@tasklane/client";
import { describe, expect, it, vi } from "vitest";
import { bigStockFile, exitCode, startApi } from "@tasklane/testing";

const INTERRUPTED = "interrupted: the server stopped before the task finished";

async function startWithStock() {
  const api = await startApi();
  const client = createTasklaneClient({ url: api.url });
  const small = path.join(api.dataDir, "small.csv");
  await writeFile(small, "PN;Price;Qty\nKEEP-1;10;2\nKEEP-2;20;3\n");
  await client.submitAndWait("stockImport", { file: small, supplier: "Ocean", kind: "stock" });
  return { api, client, big: await bigStockFile(api.dataDir, 400_000) };
}

async function waitUntilRunning(client: ReturnType<typeof createTasklaneClient>, taskId: string) {
  await vi.waitFor(async () => expect((await client.getTask(taskId)).progress).toBeGreaterThan(0), { timeout: 30_000, interval: 20 });
}

async function warehouseRows(client: ReturnType<typeof createTasklaneClient>) {
  const done = await client.submitAndWait("pricelistCreate", { source: "warehouse" });
  return done.result.rows;
}

describe("a restart loses nothing", () => {
  it("SIGKILL in the middle of an import: the task reads interrupted, the previous rows are intact, nothing stays running", async () => {
    const { api, client, big } = await startWithStock();
    const { taskId } = await client.submit.stockImport({ file: big, supplier: "Ocean", kind: "stock" });
    await waitUntilRunning(client, taskId);
    api.child.kill("SIGKILL");
    await exitCode(api.child);

    const again = await startApi({}, api.dataDir);
    const after = createTasklaneClient({ url: again.url });
    expect(await after.getTask(taskId)).toMatchObject({ status: "error", error: INTERRUPTED });
    expect((await after.listTasks({ status: "running" })).items).toEqual([]);
    expect((await after.listTasks({ status: "queued" })).items).toEqual([]);
    expect(await warehouseRows(after)).toBe(2);
  });

  it("SIGTERM refuses new submits with 503, aborts the import after the grace period, and exits 0", async () => {
    const api = await startApi({ TASKLANE_SHUTDOWN_GRACE_SECONDS: "1" });
    const client = createTasklaneClient({ url: api.url });
    const big = await bigStockFile(api.dataDir, 1_500_000);
    const { taskId } = await client.submit.stockImport({ file: big, supplier: "Ocean", kind: "stock" });
    await waitUntilRunning(client, taskId);
    api.child.kill("SIGTERM");
    await vi.waitFor(async () => {
      const refused = await client.submit.recalculate({}).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TasklaneRequestError);
      expect(refused).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503 });
    });
    expect(await exitCode(api.child)).toBe(0);

    const again = await startApi({}, api.dataDir);
    const after = createTasklaneClient({ url: again.url });
    expect(await after.getTask(taskId)).toMatchObject({ status: "error", error: INTERRUPTED });
    expect(await warehouseRows(after)).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { bigStockFile } from "@tasklane/testing";
import { expectServiceUnharmed, runHostileImport } from "./hostile-import.ts";
import { LIVENESS_MS } from "./poll-watch.ts";

describe("cancelling a big import through the real service", () => {
  it("the cancel is answered, the task ends cancelled, and supplier S keeps its rows", async () => {
    let cancelAnsweredMs: number | undefined;
    const run = await runHostileImport((dir) => bigStockFile(dir, 600_000), {
      async duringRun(service, taskId, watch) {
        await watch.until((task) => task.status === "running" && task.progress > 0, 60_000);
        const started = performance.now();
        await service.client.cancelTask(taskId, { signal: AbortSignal.timeout(LIVENESS_MS) });
        cancelAnsweredMs = Math.round(performance.now() - started);
      },
    });
    console.info(`cancel answered after ${cancelAnsweredMs} ms`);
    expect.soft(run.task.status).toBe("cancelled");
    await expectServiceUnharmed(run);
  });
});

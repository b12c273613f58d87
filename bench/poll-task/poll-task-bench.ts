/**
 * The pollTask benchmark: for a task that runs T seconds, how many requests client.pollTask sends
 * (at most T / 0.5 + 1: one at once, then one every 500 ms) and how long after the task's end
 * (doneAt) the client sees it (at most 500 ms plus one request).
 *
 * The handler waits on a timer for T seconds. Elsewhere that would be a fake workload; here it is
 * the point: what is measured is the client's cadence, and a timer ends the task at a known time
 * without taking CPU from the client being measured. The service is the embedded one (SQLite,
 * Fastify, tRPC, fast path) in this process, so doneAt and the client's clock are one clock.
 *
 *   pnpm --filter @tasklane/bench exec tsx poll-task/poll-task-bench.ts
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { POLL_INTERVAL_MS, createTasklaneClient } from "@tasklane/client";
import { createEmbeddedServer, pricingHandlers } from "@tasklane/server";
import { machine } from "../lib/machine.ts";
import { saveResult } from "../lib/result-file.ts";

const RUNS = Number(process.env.RUNS ?? 3);
const DURATIONS_S = [2, 5];

let taskSeconds = 0;
const dataDir = await mkdtemp(path.join(os.tmpdir(), "tasklane-polltask-bench-"));
const service = await createEmbeddedServer({
  dataDir,
  host: "127.0.0.1",
  port: 0,
  logger: false,
  graceMs: 0,
  handlers: (deps) => ({
    ...pricingHandlers(deps),
    recalculate: async (_input, ctx) => {
      await sleep(taskSeconds * 1000, undefined, { signal: ctx.signal });
      return { componentsTotal: 0, updated: 0, unchanged: 0, withoutOffers: 0 };
    },
  }),
});
const url = await service.start();
let requests = 0;
const client = createTasklaneClient({
  url,
  fetch: (input, init) => {
    requests++;
    return fetch(input, init);
  },
});

const results = [];
try {
  for (const seconds of DURATIONS_S) {
    for (let run = 1; run <= RUNS; run++) {
      taskSeconds = seconds;
      const { taskId } = await client.submit.recalculate({});
      requests = 0;
      const done = await client.pollTask(taskId);
      const seenAt = Date.now();
      const result = {
        taskSeconds: seconds,
        requests,
        maxRequests: seconds / (POLL_INTERVAL_MS / 1000) + 1,
        seenAfterDoneMs: seenAt - done.doneAt!.getTime(),
      };
      results.push(result);
      console.error(`pollTask T=${seconds}s run ${run}/${RUNS}: ${JSON.stringify(result)}`);
    }
  }
} finally {
  await service.stop();
  await rm(dataDir, { recursive: true, force: true });
}
await saveResult({ machine: machine(), runs: RUNS, pollIntervalMs: POLL_INTERVAL_MS, results });

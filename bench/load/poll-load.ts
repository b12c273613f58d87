/**
 * The load test of issue 5: CLIENTS simulated clients each poll a task every 500 ms (one request
 * at a time, as pollTask does) for DURATION_S seconds, while SUBMITS_PER_S tasks a second are
 * submitted and finish. It reports failed requests, latency, and the service's memory after
 * the first 10 s and at the end. Loopback only; it stops by itself.
 *
 *   pnpm --filter @tasklane/bench load            # 2,000 clients, 60 s, 20 submits/s
 *   CLIENTS=500 DURATION_S=20 pnpm --filter @tasklane/bench load
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { POLL_INTERVAL_MS, PRICELIST_SOURCES, createTasklaneClient } from "@tasklane/client";
import { percentile, startService } from "../lib/service-process.ts";

const CLIENTS = Number(process.env.CLIENTS ?? 2000);
const DURATION_S = Number(process.env.DURATION_S ?? 60);
const SUBMITS_PER_S = Number(process.env.SUBMITS_PER_S ?? 20);
/** Submitters are separate callers, so that deduplication does not fold their tasks into one. */
const CALLERS = 40;

const tokens = Array.from({ length: CALLERS }, (_, i) => `load-token-0123456789-${i}`);
const service = await startService({
  TASKLANE_TOKENS: tokens.map((t, i) => `caller${i}:${t}`).join(","),
  TASKLANE_CONCURRENCY: "4",
});
const clients = tokens.map((token) => createTasklaneClient({ url: service.url, token }));
const recent: string[][] = tokens.map(() => []);
const stats = { reads: 0, readFailures: 0, submits: 0, submitFailures: 0, latencies: [] as number[] };
const failures = new Map<string, number>();
const deadline = Date.now() + DURATION_S * 1000;

function fail(kind: string, error: unknown) {
  const key = `${kind}: ${error instanceof Error ? error.message.slice(0, 120) : String(error)}`;
  failures.set(key, (failures.get(key) ?? 0) + 1);
}

async function seed() {
  const file = path.join(service.dataDir, "seed.csv");
  const rows = Array.from({ length: 2000 }, (_, i) => `SEED-${i};${(i % 90) + 10};${i % 5}`);
  await writeFile(file, `PN;Price;Qty\n${rows.join("\n")}\n`);
  await clients[0]!.submitAndWait("stockImport", { file, supplier: "Seed", kind: "stock" });
}

async function submitter() {
  for (let n = 0; Date.now() < deadline; n++) {
    const started = Date.now();
    const caller = n % CALLERS;
    const client = clients[caller]!;
    const submit = n % 2 === 0 ? client.submit.recalculate({}) : client.submit.pricelistCreate({ source: PRICELIST_SOURCES[n % 3]! });
    submit
      .then(({ taskId }) => {
        stats.submits++;
        recent[caller]!.unshift(taskId);
        recent[caller]!.length = Math.min(recent[caller]!.length, 20);
      })
      .catch((e: unknown) => {
        stats.submitFailures++;
        fail("submit", e);
      });
    await sleep(Math.max(0, started + 1000 / SUBMITS_PER_S - Date.now()));
  }
}

async function poller(i: number) {
  const caller = i % CALLERS;
  await sleep((i / CLIENTS) * POLL_INTERVAL_MS);
  while (Date.now() < deadline) {
    const started = Date.now();
    const id = recent[caller]![i % Math.max(1, recent[caller]!.length)];
    if (id) {
      const t0 = performance.now();
      try {
        await clients[caller]!.getTask(id);
        stats.latencies.push(performance.now() - t0);
        stats.reads++;
      } catch (e) {
        stats.readFailures++;
        fail("poll", e);
      }
    }
    await sleep(Math.max(0, started + POLL_INTERVAL_MS - Date.now()));
  }
}

await seed();
const memory: { second: number; rssMb: number }[] = [];
const sampler = setInterval(() => {
  const second = Math.round((Date.now() - (deadline - DURATION_S * 1000)) / 1000);
  // A failed sample is counted like any other failure, not left to crash the run as an unhandled rejection.
  service.rssMb().then(
    (rssMb) => memory.push({ second, rssMb }),
    (error: unknown) => fail("memory", error),
  );
}, 1000);
await Promise.all([submitter(), ...Array.from({ length: CLIENTS }, (_, i) => poller(i))]);
clearInterval(sampler);
await sleep(2000);
const finished = await Promise.all(clients.map(async (c) => (await c.listTasks({ limit: 100, status: "completed" })).items.length));
const latencies = stats.latencies.sort((a, b) => a - b);
const at10 = memory.find((m) => m.second >= 10)?.rssMb ?? Number.NaN;
const atEnd = memory.at(-1)?.rssMb ?? Number.NaN;
const exit = await service.stop();

console.log(
  JSON.stringify(
    {
      clients: CLIENTS,
      durationS: DURATION_S,
      submitsPerS: SUBMITS_PER_S,
      reads: stats.reads,
      readsPerS: Math.round(stats.reads / DURATION_S),
      readFailures: stats.readFailures,
      submits: stats.submits,
      submitFailures: stats.submitFailures,
      completedSeenInLastPages: finished.reduce((a, b) => a + b, 0),
      latencyMs: {
        p50: +percentile(latencies, 50).toFixed(1),
        p99: +percentile(latencies, 99).toFixed(1),
        max: +(latencies.at(-1) ?? 0).toFixed(1),
      },
      rssMb: { after10s: +at10.toFixed(1), atEnd: +atEnd.toFixed(1), ratio: +(atEnd / at10).toFixed(3) },
      failures: Object.fromEntries(failures),
      serviceExitCode: exit,
    },
    null,
    2,
  ),
);

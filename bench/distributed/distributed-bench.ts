/**
 * The distributed benchmark: what a second worker process and a second API node buy, each
 * measured side by side with one in the same run, as docs/deploy.md deploys them (separate
 * processes on Redis and PostgreSQL), all on this machine's 127.0.0.1.
 *
 * - Imports: IMPORT_TASKS stockImport tasks of one IMPORT_ROWS-row CSV (uploaded once, the same
 *   uploadId each time, a distinct supplier each so none is deduplicated), through one API node,
 *   with 1 and then 2 worker processes (TASKLANE_CONCURRENCY each), from the first submit to the
 *   last doneAt. Rounds alternate which count goes first, after one unmeasured batch that creates
 *   the components and every supplier's offers, so each measured batch replaces the same rows.
 * - Polls: tasks.get of a completed task (read from PostgreSQL by the node polled), the request
 *   @tasklane/client sends, from two autocannon processes of CONNECTIONS/2 each: both at node A,
 *   then one at A and one at B. Rounds alternate the order.
 *
 * Needs a PostgreSQL superuser URL in TASKLANE_BENCH_DATABASE_URL or TASKLANE_TEST_DATABASE_URL
 * (`bash scripts/services.sh` starts one; it makes its own database there and drops it) and
 * redis-server on the PATH (it starts its own). Without a URL it says so and writes no figures.
 *
 *   TASKLANE_TEST_DATABASE_URL=postgres://tasklane:tasklane@127.0.0.1:5432/tasklane \
 *     pnpm --filter @tasklane/bench exec tsx distributed/distributed-bench.ts
 *   IMPORT_TASKS=60 IMPORT_ROWS=2000 IMPORT_ROUNDS=6 WORKER_CONCURRENCY=1 POLL_ROUNDS=5 CONNECTIONS=100 DURATION_S=8 …   # the defaults
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createTasklaneClient } from "@tasklane/client";
import { bigStockFile } from "@tasklane/testing/files";
import { machine } from "../lib/machine.ts";
import { saveResult } from "../lib/result-file.ts";
import { captureTaskGet } from "../poll/client-requests.ts";
import { type BenchCluster, TOKEN, startCluster } from "./cluster.ts";
import { type ImportBatch, importRun } from "./import-run.ts";
import { type PollSettings, pollRun } from "./poll-run.ts";
import type { DistributedResult } from "./result.ts";

const IMPORT_TASKS = Number(process.env.IMPORT_TASKS ?? 60);
const IMPORT_ROWS = Number(process.env.IMPORT_ROWS ?? 2000);
const IMPORT_ROUNDS = Number(process.env.IMPORT_ROUNDS ?? 6);
/** Tasks each worker runs at once: 1, so the worker count is the only parallelism that changes. */
const CONCURRENCY = Number(process.env.WORKER_CONCURRENCY ?? 1);
const POLL_ROUNDS = Number(process.env.POLL_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 100);
const DURATION_S = Number(process.env.DURATION_S ?? 8);
const WARMUP_S = 1;

const databaseUrl = process.env.TASKLANE_BENCH_DATABASE_URL || process.env.TASKLANE_TEST_DATABASE_URL;
if (!databaseUrl) {
  console.error(
    "distributed: skipped, no figures: set TASKLANE_TEST_DATABASE_URL (or TASKLANE_BENCH_DATABASE_URL) to a PostgreSQL superuser URL " +
      "(bash scripts/services.sh starts one on 127.0.0.1, see README)",
  );
  process.exit(0);
}
// @tasklane/testing/engines makes its fresh database on the server this variable names.
process.env.TASKLANE_TEST_DATABASE_URL = databaseUrl;

async function importRounds(cluster: BenchCluster, batch: ImportBatch): Promise<DistributedResult["imports"]["rounds"]> {
  await importRun(cluster, batch, 2, CONCURRENCY);
  const rounds = [];
  for (let round = 1; round <= IMPORT_ROUNDS; round++) {
    const order = round % 2 ? [1, 2] : [2, 1];
    const runs = new Map<number, Awaited<ReturnType<typeof importRun>>>();
    for (const workers of order) runs.set(workers, await importRun(cluster, batch, workers, CONCURRENCY));
    const [one, two] = [runs.get(1)!, runs.get(2)!];
    rounds.push({ order: order.join(" then "), one, two, ratio: +(two.tasksPerS / one.tasksPerS).toFixed(3) });
    console.error(`imports round ${round}/${IMPORT_ROUNDS}: ${JSON.stringify(rounds.at(-1))}`);
  }
  return rounds;
}

async function pollRounds(cluster: BenchCluster, settings: PollSettings): Promise<DistributedResult["polls"]["rounds"]> {
  const rounds = [];
  for (let round = 1; round <= POLL_ROUNDS; round++) {
    const order = round % 2 ? ["one", "two"] : ["two", "one"];
    const runs = new Map<string, Awaited<ReturnType<typeof pollRun>>>();
    for (const key of order) runs.set(key, await pollRun(cluster, key === "one" ? [0, 0] : [0, 1], settings));
    const [one, two] = [runs.get("one")!, runs.get("two")!];
    rounds.push({
      order: order.map((k) => (k === "one" ? "1 node" : "2 nodes")).join(" then "),
      one,
      two,
      ratio: +(two.rps / one.rps).toFixed(3),
    });
    console.error(`polls round ${round}/${POLL_ROUNDS}: ${JSON.stringify(rounds.at(-1))}`);
  }
  return rounds;
}

/** The request a client polls a completed import with, checked to answer 200 on both nodes. */
async function completedTaskRequest(cluster: BenchCluster) {
  const client = createTasklaneClient({ url: cluster.nodes[0]!.url, token: TOKEN });
  const [task] = (await client.listTasks({ type: "stockImport", status: "completed", limit: 1 })).items;
  if (!task) throw new Error("no completed import to poll");
  const request = (await captureTaskGet(cluster.nodes[0]!.url, TOKEN, task.id)).batched;
  for (const node of cluster.nodes) {
    const res = await fetch(request.url.replace(cluster.nodes[0]!.url, node.url), { headers: request.headers });
    if (res.status !== 200) throw new Error(`${node.url}: tasks.get answered ${res.status} ${(await res.text()).slice(0, 200)}`);
  }
  return request;
}

const dir = await mkdtemp(path.join(os.tmpdir(), "tasklane-distributed-bench-"));
const cluster = await startCluster(2);
// Ctrl-C reaches the nodes and redis-server too, but only this process drops the database.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cluster.close().finally(() => process.exit(130)));
}
try {
  const client = createTasklaneClient({ url: cluster.nodes[0]!.url, token: TOKEN });
  const { uploadId } = await client.uploadFile(await bigStockFile(dir, IMPORT_ROWS, "stock.csv"));
  const suppliers = Array.from({ length: IMPORT_TASKS }, (_, i) => `Bench supplier ${i + 1}`);
  const imports = await importRounds(cluster, { client, uploadId, rows: IMPORT_ROWS, suppliers });
  const request = await completedTaskRequest(cluster);
  const polls = await pollRounds(cluster, { request, connections: CONNECTIONS, durationS: DURATION_S, warmupS: WARMUP_S });
  const result: DistributedResult = {
    machine: machine(),
    measuredAt: new Date().toISOString(),
    redis: execFileSync("redis-server", ["--version"], { encoding: "utf8" }).trim(),
    imports: { tasks: IMPORT_TASKS, rows: IMPORT_ROWS, concurrency: CONCURRENCY, rounds: imports },
    polls: { connections: CONNECTIONS, generators: 2, durationS: DURATION_S, warmupS: WARMUP_S, rounds: polls },
  };
  await saveResult(result);
} finally {
  await cluster.close();
  await rm(dir, { recursive: true, force: true });
}

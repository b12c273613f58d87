/**
 * Polls during an import: what a caller polling every 500 ms waits for an answer while the
 * service imports a ROWS-row file, beside the same with nothing running. POLLERS callers each
 * read their task (tasks.get, the request @tasklane/client sends) and GET /health every
 * INTERVAL_MS, from a separate process (pollers.ts). Measured: idle (a completed task polled for
 * IDLE_S), then during a ROWS-row .xlsx import and during a ROWS-row CSV import (the import's
 * own task polled from submit until it ends), on both backends: embedded (one API process,
 * SQLite) and distributed (one API node and one worker over Redis and a fresh PostgreSQL
 * database; needs TASKLANE_TEST_DATABASE_URL or TASKLANE_BENCH_DATABASE_URL, else skipped).
 *
 *   npx tsx bench/poll-during-import/run.ts
 *   pnpm --filter @tasklane/bench run poll-during-import
 *   ROWS=1000000 POLLERS=100 INTERVAL_MS=500 IDLE_S=15 BACKENDS=embedded,distributed …   # the defaults
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createTasklaneClient } from "@tasklane/client";
import { cpuSeconds, rssMb } from "../lib/cpu.ts";
import { machineBusy } from "../distributed/machine-busy.ts";
import { machine } from "../lib/machine.ts";
import { saveResult } from "../lib/result-file.ts";
import { captureTaskGet } from "../poll/client-requests.ts";
import { type Deployment, distributed, embedded } from "./deployment.ts";
import { INTERVAL_MS, POLLERS, PollerFleet } from "./poller-fleet.ts";
import type { BackendRun, Phase, PhaseRun, PollDuringImportResult } from "./result.ts";
import { writeStockFiles } from "./stock-files.ts";

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const IDLE_S = Number(process.env.IDLE_S ?? 15);
const BACKENDS = (process.env.BACKENDS ?? "embedded,distributed").split(",") as BackendRun["backend"][];
/** An import that has not ended by then is reported as such, not waited for. */
const IMPORT_LIMIT_MS = 20 * 60_000;

const databaseUrl = process.env.TASKLANE_BENCH_DATABASE_URL || process.env.TASKLANE_TEST_DATABASE_URL;
// @tasklane/testing/engines makes its fresh database on the server this variable names.
if (databaseUrl) process.env.TASKLANE_TEST_DATABASE_URL = databaseUrl;

/** Unmeasured polling first, so every connection is open and both processes are warm. */
const WARMUP_MS = 3_000;

/** Samples the API process's RSS until stopped; answers the peak. */
function rssPeak(deployment: Deployment) {
  let peak = 0;
  const timer = setInterval(
    () =>
      void rssMb(deployment.apiPid).then(
        (mb) => (peak = Math.max(peak, mb)),
        () => undefined,
      ),
    250,
  );
  return () => {
    clearInterval(timer);
    return +peak.toFixed(1);
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** From now until `until()` resolves (with the import's outcome, or null when idle), polled by the fleet. */
async function measure(deployment: Deployment, fleet: PollerFleet, phase: Phase, until: () => Promise<string | null>): Promise<PhaseRun> {
  const peak = rssPeak(deployment);
  const busy = machineBusy();
  const cpuBefore = await cpuSeconds(deployment.apiPid);
  const started = performance.now();
  const outcome = await until();
  const wall = (performance.now() - started) / 1000;
  const apiCores = +((await cpuSeconds(deployment.apiPid)) - cpuBefore) / wall;
  const figures = { machineBusy: busy(), apiCores: +apiCores.toFixed(2), apiPeakRssMb: peak() };
  const run = { phase, seconds: +wall.toFixed(1), outcome, ...(await fleet.take()), ...figures };
  console.error(`  ${phase}: ${JSON.stringify(run)}`);
  return run;
}

async function backendRun(backend: BackendRun["backend"], files: { xlsx: string; csv: string }, fleet: PollerFleet): Promise<BackendRun> {
  console.error(`${backend}: starting`);
  const deployment = await (backend === "embedded" ? embedded() : distributed());
  const taskGet = async (id: string) => (await captureTaskGet(deployment.url, deployment.token, id)).batched;
  try {
    const client = createTasklaneClient({ url: deployment.url, token: deployment.token });
    const finished = await client.submitAndWait("recalculate", {}, { timeoutMs: 60_000 });
    await fleet.start(await taskGet(finished.id), { url: `${deployment.url}/health`, headers: {} });
    await sleep(WARMUP_MS);
    await fleet.take();
    const phases = [await measure(deployment, fleet, "idle", async () => (await sleep(IDLE_S * 1000), null))];
    for (const phase of ["xlsx", "csv"] as const) {
      // Uploading is not measured (the pollers keep reading the last task meanwhile): the import the task runs is.
      const { uploadId } = await client.uploadFile(files[phase]);
      const { taskId } = await client.submit.stockImport({ uploadId, supplier: `Bench ${phase}`, kind: "stock" });
      await fleet.retarget(await taskGet(taskId));
      phases.push(
        await measure(deployment, fleet, phase, async () => {
          return client.pollTask(taskId, { timeoutMs: IMPORT_LIMIT_MS }).then(
            (done) => `completed, ${done.result.imported.toLocaleString("en-US")} rows`,
            (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
          );
        }),
      );
    }
    return { backend, phases };
  } finally {
    await fleet.stop().catch(() => undefined);
    await deployment.close();
  }
}

const dir = await mkdtemp(path.join(os.tmpdir(), "tasklane-poll-during-import-"));
const fleet = new PollerFleet();
try {
  console.error(`writing ${ROWS.toLocaleString("en-US")}-row files`);
  const files = await writeStockFiles(dir, ROWS);
  const mb = async (file: string) => +((await stat(file)).size / 1024 ** 2).toFixed(1);
  const skipped: string[] = [];
  const backends: BackendRun[] = [];
  for (const backend of BACKENDS) {
    if (backend === "distributed" && !databaseUrl) {
      skipped.push("distributed: no PostgreSQL (set TASKLANE_TEST_DATABASE_URL, see README)");
      console.error(skipped.at(-1));
      continue;
    }
    backends.push(await backendRun(backend, files, fleet));
  }
  const result: PollDuringImportResult = {
    machine: machine(),
    at: new Date().toISOString(),
    rows: ROWS,
    pollers: POLLERS,
    intervalMs: INTERVAL_MS,
    idleSeconds: IDLE_S,
    fileMb: { xlsx: await mb(files.xlsx), csv: await mb(files.csv) },
    backends,
    skipped,
  };
  await saveResult(result);
} finally {
  fleet.close();
  await rm(dir, { recursive: true, force: true });
}

/**
 * The poll benchmark: how many tasks.get polls a second one service process answers, at what
 * latency and at what CPU per request, beside a plain Fastify route and raw node:http answering
 * the same task as JSON. Every target runs once per round and the ratios are taken within a
 * round, so the noise of a shared 2-core machine hits both sides of a ratio alike.
 *
 * Targets (each its own process; autocannon runs here, in another process):
 * - the service (bench/poll/service-main.ts: apps/api's setup) with the fast path, polled with the
 *   exact requests @tasklane/client (httpBatchLink) and @trpc/client's httpLink send, for a task that
 *   is running (held in memory) and for a completed one (read from SQLite once, then answered from
 *   the service's memory of finished tasks, FinishedTasks);
 * - the same service with the fast path off: tRPC's Fastify adapter answers;
 * - bench/poll/plain-fastify.ts and bench/poll/raw-http.ts.
 *
 *   pnpm --filter @tasklane/bench exec tsx poll/poll-bench.ts          # 5 rounds of 5 s, 100 connections
 *   ROUNDS=5 DURATION_S=10 CONNECTIONS=100 pnpm --filter @tasklane/bench exec tsx poll/poll-bench.ts
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import autocannon from "autocannon";
import { cpuSeconds } from "../lib/cpu.ts";
import { machine } from "../lib/machine.ts";
import { saveResult } from "../lib/result-file.ts";
import { type ScriptProcess, startScript } from "../lib/server-process.ts";
import { median } from "../lib/stats.ts";
import type { CapturedRequest } from "./client-requests.ts";
import { prepare, startService } from "./service.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const DURATION_S = Number(process.env.DURATION_S ?? 5);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 100);
const WARMUP_S = 1;
const here = import.meta.dirname;

interface Target {
  key: string;
  label: string;
  server: ScriptProcess;
  request: CapturedRequest;
}

export interface Measurement {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  cpuUsPerRequest: number;
  requests: number;
  failed: number;
}

/** Checks a target answers 200 before it is measured; a benchmark of 401s would be worthless. */
async function check(target: Target) {
  const res = await fetch(target.request.url, { headers: target.request.headers });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${target.label}: ${res.status} ${body.slice(0, 200)}`);
}

async function measure(target: Target): Promise<Measurement> {
  const options = { url: target.request.url, headers: target.request.headers, connections: CONNECTIONS };
  await autocannon({ ...options, duration: WARMUP_S });
  const cpuBefore = await cpuSeconds(target.server.pid);
  const result = await autocannon({ ...options, duration: DURATION_S });
  const cpu = (await cpuSeconds(target.server.pid)) - cpuBefore;
  const requests = result.requests.total;
  return {
    rps: Math.round(requests / DURATION_S),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuUsPerRequest: +((cpu / Math.max(1, requests)) * 1e6).toFixed(1),
    requests,
    failed: result.errors + result.timeouts + result.non2xx,
  };
}

const fast = await startService(true);
const trpcOnly = await startService(false);
const fastTasks = await prepare(fast.url);
const trpcTasks = await prepare(trpcOnly.url);
const yardstickEnv = { TASK_JSON: fastTasks.taskJson };
const plain = await startScript(path.join(here, "plain-fastify.ts"), yardstickEnv);
const raw = await startScript(path.join(here, "raw-http.ts"), yardstickEnv);
const servers = [fast, trpcOnly, plain, raw];

try {
  const yardstickRequest = (base: string) => ({ ...fastTasks.running.batched, url: fastTasks.running.batched.url.replace(fast.url, base) });
  const targets: Target[] = [
    {
      key: "fastBatched",
      label: "tasks.get, @tasklane/client (httpBatchLink), running task — fast path",
      server: fast,
      request: fastTasks.running.batched,
    },
    { key: "fastSingle", label: "tasks.get, httpLink, running task — fast path", server: fast, request: fastTasks.running.single },
    {
      key: "fastCompleted",
      label: "tasks.get, @tasklane/client, completed task (finished tasks' memory) — fast path",
      server: fast,
      request: fastTasks.completed.batched,
    },
    {
      key: "trpcBatched",
      label: "tasks.get, @tasklane/client, running task — tRPC adapter (fast path off)",
      server: trpcOnly,
      request: trpcTasks.running.batched,
    },
    {
      key: "trpcSingle",
      label: "tasks.get, httpLink, running task — tRPC adapter (fast path off)",
      server: trpcOnly,
      request: trpcTasks.running.single,
    },
    { key: "plainFastify", label: "plain Fastify 5 route, the task as JSON", server: plain, request: yardstickRequest(plain.url) },
    { key: "rawHttp", label: "raw node:http, the task as JSON", server: raw, request: yardstickRequest(raw.url) },
  ];
  for (const target of targets) await check(target);
  const rounds: Record<string, Measurement>[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const figures: Record<string, Measurement> = {};
    for (const target of targets) {
      figures[target.key] = await measure(target);
      console.error(`round ${round}/${ROUNDS} ${target.key}: ${JSON.stringify(figures[target.key])}`);
    }
    rounds.push(figures);
  }
  const ratio = (a: string, b: string) => rounds.map((r) => +(r[a]!.rps / r[b]!.rps).toFixed(3));
  const ratios = {
    "fast path batched / plain Fastify": ratio("fastBatched", "plainFastify"),
    "fast path single / plain Fastify": ratio("fastSingle", "plainFastify"),
    "fast path completed / plain Fastify": ratio("fastCompleted", "plainFastify"),
    "tRPC adapter batched / plain Fastify": ratio("trpcBatched", "plainFastify"),
    "fast path batched / tRPC adapter batched": ratio("fastBatched", "trpcBatched"),
    "plain Fastify / raw node:http": ratio("plainFastify", "rawHttp"),
  };
  await saveResult({
    machine: machine(),
    connections: CONNECTIONS,
    durationS: DURATION_S,
    rounds: ROUNDS,
    targets: targets.map(({ key, label, request }) => ({ key, label, url: request.url.replace(/^http:\/\/[^/]+/, "") })),
    figures: rounds,
    ratios,
    goal: {
      batchedAtLeast08: median(ratios["fast path batched / plain Fastify"]) >= 0.8,
      singleAtLeast08: median(ratios["fast path single / plain Fastify"]) >= 0.8,
    },
  });
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  await Promise.all([fast.dataDir, trpcOnly.dataDir].map((d) => rm(d, { recursive: true, force: true })));
}

/**
 * How many clients polling every 500 ms one service process holds with no failed request.
 * Modelled on poll-load.ts but lean, so the generator is not the limit: each simulated client is a
 * loop that sends the exact request @tasklane/client sends for tasks.get (captured from the client,
 * httpBatchLink) over shared keep-alive sockets written by hand (raw-poller.ts), one at a time, the next 500 ms after the previous one
 * started (as pollTask does). Steps through CLIENTS_STEPS, each for DURATION_S seconds; a step holds
 * when no request failed, p99 stayed under one poll interval and the rate reached 95% of 2/s per client.
 * The service is bench/poll/service-main.ts (apps/api's setup) polled on a running task.
 *
 *   pnpm --filter @tasklane/bench exec tsx load/poll-20k.ts
 *   CLIENTS_STEPS=5000,10000,20000 DURATION_S=20 SOCKETS=512 pnpm --filter @tasklane/bench exec tsx load/poll-20k.ts
 */
import { rm } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { POLL_INTERVAL_MS } from "@tasklane/client";
import { cpuSeconds, rssMb } from "../lib/cpu.ts";
import { machine } from "../lib/machine.ts";
import { saveResult } from "../lib/result-file.ts";
import { percentile } from "../lib/service-process.ts";
import { prepare, startService } from "../poll/service.ts";
import { RawPoller } from "./raw-poller.ts";

const STEPS = (process.env.CLIENTS_STEPS ?? "5000,10000,15000,17500,20000").split(",").map(Number);
const DURATION_S = Number(process.env.DURATION_S ?? 15);
/** Keep-alive connections the generator opens; the clients' requests share them, as behind a proxy. */
const SOCKETS = Number(process.env.SOCKETS ?? 256);

const service = await startService(true);
const { dataDir } = service;

const request = (await prepare(service.url)).running.batched;
const poller = new RawPoller(request.url, request.headers, SOCKETS);
const poll = () => poller.poll();

async function step(clients: number) {
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  let measuring = false;
  let stop = false;
  async function client(i: number) {
    await sleep((i / clients) * POLL_INTERVAL_MS);
    while (!stop) {
      const started = Date.now();
      try {
        const ms = await poll();
        if (measuring) latencies.push(ms);
      } catch (error) {
        const key = error instanceof Error ? error.message : String(error);
        failures.set(key, (failures.get(key) ?? 0) + 1);
      }
      await sleep(Math.max(0, started + POLL_INTERVAL_MS - Date.now()));
    }
  }
  const loops = Array.from({ length: clients }, (_, i) => client(i));
  await sleep(2000); // every client has started and the connections are open
  measuring = true;
  const t0 = performance.now();
  const [serverCpu0, generatorCpu0] = [await cpuSeconds(service.pid), process.cpuUsage()];
  await sleep(DURATION_S * 1000);
  measuring = false;
  const seconds = (performance.now() - t0) / 1000;
  // Which side ran out of CPU: 1.0 is one core busy the whole step (each process has one JS thread).
  const serverCores = ((await cpuSeconds(service.pid)) - serverCpu0) / seconds;
  const generatorUse = process.cpuUsage(generatorCpu0);
  const generatorCores = (generatorUse.user + generatorUse.system) / 1e6 / seconds;
  const rss = await rssMb(service.pid);
  stop = true;
  await Promise.all(loops);
  latencies.sort((a, b) => a - b);
  const failed = [...failures.values()].reduce((a, b) => a + b, 0);
  const rps = Math.round(latencies.length / seconds);
  const p99 = +percentile(latencies, 99).toFixed(1);
  return {
    clients,
    targetRps: clients * (1000 / POLL_INTERVAL_MS),
    rps,
    failed,
    failures: Object.fromEntries(failures),
    p50Ms: +percentile(latencies, 50).toFixed(1),
    p99Ms: p99,
    serverRssMb: +rss.toFixed(1),
    serverCores: +serverCores.toFixed(2),
    generatorCores: +generatorCores.toFixed(2),
    held: failed === 0 && p99 < POLL_INTERVAL_MS && rps >= 0.95 * clients * (1000 / POLL_INTERVAL_MS),
  };
}

const steps = [];
try {
  for (const clients of STEPS) {
    const result = await step(clients);
    steps.push(result);
    console.error(`poll-20k ${JSON.stringify(result)}`);
  }
} finally {
  poller.close();
  await service.stop();
  await rm(dataDir, { recursive: true, force: true });
}
const held = steps.filter((s) => s.held).map((s) => s.clients);
await saveResult({ machine: machine(), durationS: DURATION_S, sockets: SOCKETS, steps, highestHeld: held.length ? Math.max(...held) : 0 });

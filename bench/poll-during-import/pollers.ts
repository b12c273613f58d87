/**
 * The load generator, forked by poller-fleet.ts so it never shares the event loop it measures.
 * On {start}: POLLERS callers each read tasks.get and GET /health every INTERVAL_MS (counted from
 * the previous read's start, one read at a time per target, as @tasklane/client's pollTask does),
 * each target over its own keep-alive connection, kept open across measurements so none pays
 * for connecting. {retarget} points tasks.get at another task; {take} answers the latencies
 * measured since the last take (or retarget) and starts afresh; {stop} ends it all.
 */
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";

export interface Target {
  url: string;
  headers: Record<string, string>;
}
export type PollerCommand =
  | { start: { taskGet: Target; health: Target; pollers: number; intervalMs: number } }
  | { retarget: Target }
  | { take: true }
  | { stop: true };
/** Latencies in ms of the answered reads, and the count of failed ones, per target; the generator's own worst stall. */
export interface PollerSamples {
  taskGet: { ms: number[]; failed: number; firstError: string | null };
  health: { ms: number[]; failed: number; firstError: string | null };
  /** The longest this process's event loop was held up: a figure above a few ms means the load generator, not the service, added latency. */
  generatorLoopMaxMs: number;
}

const REQUEST_TIMEOUT_MS = 30_000;

function read(agent: http.Agent, target: Target): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(target.url, { agent, headers: target.headers, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      response.resume();
      response.on("end", () =>
        response.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`status ${response.statusCode}`)),
      );
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    request.on("error", reject);
  });
}

let running: Promise<void>[] = [];
let stopped = false;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let samples: PollerSamples = fresh();
const targets: { taskGet?: Target; health?: Target } = {};

function fresh(): PollerSamples {
  loopDelay.reset();
  return { taskGet: { ms: [], failed: 0, firstError: null }, health: { ms: [], failed: 0, firstError: null }, generatorLoopMaxMs: 0 };
}

async function loop(name: "taskGet" | "health", intervalMs: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  // Callers start at random moments, not in lockstep.
  await new Promise((r) => setTimeout(r, Math.random() * intervalMs));
  while (!stopped) {
    const started = performance.now();
    // A read counts in the measurement it began in, however long it takes.
    const into = samples[name];
    try {
      into.ms.push(await read(agent, targets[name]!));
    } catch (error) {
      into.failed++;
      into.firstError ??= error instanceof Error ? error.message : String(error);
    }
    const wait = intervalMs - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  agent.destroy();
}

async function handle(command: PollerCommand): Promise<void> {
  if ("start" in command) {
    const { pollers, intervalMs } = command.start;
    Object.assign(targets, command.start);
    stopped = false;
    samples = fresh();
    running = Array.from({ length: pollers }, () => [loop("taskGet", intervalMs), loop("health", intervalMs)]).flat();
    process.send!({ ok: true });
  } else if ("retarget" in command) {
    targets.taskGet = command.retarget;
    samples = fresh();
    process.send!({ ok: true });
  } else if ("take" in command) {
    samples.generatorLoopMaxMs = +(loopDelay.max / 1e6).toFixed(1);
    process.send!({ samples });
    samples = fresh();
  } else {
    stopped = true;
    await Promise.all(running);
    process.send!({ ok: true });
  }
}

process.on("message", (command: PollerCommand) => {
  // The generator's own failure: it exits, so the benchmark sees it, instead of waiting for an answer.
  handle(command).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
process.on("disconnect", () => process.exit(0));

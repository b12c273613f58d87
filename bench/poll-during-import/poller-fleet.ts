import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { percentile } from "../lib/service-process.ts";
import type { PollerCommand, PollerSamples, Target } from "./pollers.ts";
import type { Latency } from "./result.ts";

export const POLLERS = Number(process.env.POLLERS ?? 100);
export const INTERVAL_MS = Number(process.env.INTERVAL_MS ?? 500);

/** The pollers' process, forked once and told what to poll for each measurement. */
export class PollerFleet {
  readonly #child: ChildProcess;

  constructor() {
    this.#child = fork(path.join(import.meta.dirname, "pollers.ts"), {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
  }

  async #ask<T>(command: PollerCommand): Promise<T> {
    // Aborted once answered, so no listener outlives its question.
    const answered = new AbortController();
    try {
      const answer = once(this.#child, "message", { signal: answered.signal }) as Promise<[T]>;
      const exited = once(this.#child, "exit", { signal: answered.signal }).then(([code]) =>
        Promise.reject(new Error(`the pollers' process exited (${code})`)),
      );
      this.#child.send(command);
      return (await Promise.race([answer, exited]))[0];
    } finally {
      answered.abort();
    }
  }

  /** Starts polling, for as long as the deployment runs. */
  async start(taskGet: Target, health: Target): Promise<void> {
    await this.#ask({ start: { taskGet, health, pollers: POLLERS, intervalMs: INTERVAL_MS } });
  }

  /** Polls another task from now on; what was measured before is dropped. */
  async retarget(taskGet: Target): Promise<void> {
    await this.#ask({ retarget: taskGet });
  }

  /** The figures since the last take or retarget. */
  async take(): Promise<{ taskGet: Latency; health: Latency; generatorLoopMaxMs: number }> {
    const { samples } = await this.#ask<{ samples: PollerSamples }>({ take: true });
    return { taskGet: summarize(samples.taskGet), health: summarize(samples.health), generatorLoopMaxMs: samples.generatorLoopMaxMs };
  }

  async stop(): Promise<void> {
    await this.#ask({ stop: true });
  }

  close(): void {
    if (this.#child.connected) this.#child.disconnect();
  }
}

function summarize(s: PollerSamples["taskGet"]): Latency {
  const sorted = Float64Array.from(s.ms).sort();
  const at = (p: number) => +percentile(Array.from(sorted), p).toFixed(1);
  return {
    reads: sorted.length,
    failed: s.failed,
    firstError: s.firstError,
    p50Ms: at(50),
    p99Ms: at(99),
    maxMs: +(sorted.at(-1) ?? Number.NaN).toFixed(1),
    over200Ms: sorted.filter((ms) => ms > 200).length,
  };
}

import path from "node:path";
import readline from "node:readline";
import type { GeneratorFigures } from "../lib/load-generator.ts";
import { type NodeProcess, spawnNode } from "../distributed/node-process.ts";

const script = path.join(import.meta.dirname, "generator-child.ts");

export interface PollLoad {
  headers: Record<string, string>;
  /** Per generator. */
  connections: number;
  durationS: number;
  warmupS: number;
}

export interface Generators {
  count: number;
  /**
   * Each generator polls the url at its index; `start` is called once all are warm, right before
   * they measure, and what it returns is called right after: the caller's counters span the same seconds.
   */
  measure<T>(
    urls: string[],
    load: PollLoad,
    start: () => Promise<() => Promise<T>>,
  ): Promise<{ figures: GeneratorFigures[]; wallS: number; counted: T }>;
  stop(): Promise<void>;
}

/** A line reader per process: every line it prints from now on, in order, each read once. */
function lineReader(proc: NodeProcess): (timeoutMs: number) => Promise<string> {
  const queue: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  readline.createInterface({ input: proc.child.stdout! }).on("line", (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else queue.push(line);
  });
  return (timeoutMs) =>
    new Promise((resolve, reject) => {
      const line = queue.shift();
      if (line !== undefined) return resolve(line);
      const timer = setTimeout(
        () => reject(new Error(`generator ${proc.pid}: no line after ${timeoutMs} ms: ${proc.output().slice(-2000)}`)),
        timeoutMs,
      );
      waiting.push((l) => {
        clearTimeout(timer);
        resolve(l);
      });
    });
}

/** `count` autocannon processes outside every CPU share, kept up between measurements. */
export function startGenerators(count: number): Generators {
  const procs = Array.from({ length: count }, () => spawnNode(script));
  const readers = procs.map(lineReader);
  return {
    count,
    async measure(urls, load, start) {
      const timeoutMs = (load.warmupS + load.durationS + 30) * 1000;
      procs.forEach((proc, i) => proc.child.stdin!.write(`${JSON.stringify({ ...load, url: urls[i] })}\n`));
      for (const read of readers) {
        const line = await read(timeoutMs);
        if (line !== "ready") throw new Error(`generator said ${line} instead of ready`);
      }
      const stop = await start();
      const t0 = performance.now();
      for (const proc of procs) proc.child.stdin!.write("go\n");
      const figures = await Promise.all(readers.map(async (read) => JSON.parse(await read(timeoutMs)) as GeneratorFigures));
      const wallS = (performance.now() - t0) / 1000;
      return { figures, wallS, counted: await stop() };
    },
    async stop() {
      await Promise.all(procs.map((p) => p.stop()));
    },
  };
}

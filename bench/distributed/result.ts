import type { Machine } from "../lib/machine.ts";

/** One batch of imports, from the first submit to the last task's doneAt. */
export interface ImportRun {
  workers: number;
  seconds: number;
  tasksPerS: number;
  /** Mean of each task's doneAt − startedAt: how long one import took while the others ran beside it. */
  meanTaskS: number;
  /** CPU seconds per second of all worker processes together, of the API node, and of the engines (engine-cpu.ts). */
  workerCores: number;
  nodeCores: number;
  postgresCores: number;
  redisCores: number;
  /** Share of all the machine's cores busy (see machine-busy.ts). */
  machineBusy: number;
}

/** One tasks.get measurement: GENERATORS autocannon processes at once, summed. */
export interface PollRun {
  nodes: number;
  rps: number;
  /** Each generator's requests/s, in the order of the nodes they polled. */
  perGenerator: number[];
  /** The worst p99 of the generators. */
  p99Ms: number;
  /** errors + timeouts + non-2xx answers, all generators. */
  failed: number;
  /** CPU seconds per second of each API node over the measurement (a node not polled shows its idle cost). */
  nodeCores: number[];
  /** CPU seconds per second of the autocannon processes together, and of the engines. */
  generatorCores: number;
  postgresCores: number;
  redisCores: number;
  machineBusy: number;
}

export interface DistributedResult {
  machine: Machine;
  measuredAt: string;
  redis: string;
  imports: {
    tasks: number;
    rows: number;
    concurrency: number;
    rounds: { order: string; one: ImportRun; two: ImportRun; ratio: number }[];
  };
  polls: {
    connections: number;
    generators: number;
    durationS: number;
    warmupS: number;
    rounds: { order: string; one: PollRun; two: PollRun; ratio: number }[];
  };
}

import type { Machine } from "../lib/machine.ts";
import type { Spent } from "./counters.ts";
import type { LockTime } from "./lock-sampler.ts";

/** One batch of imports on `workers` worker processes, each in a share of its own. */
export interface ImportRun {
  workers: number;
  /** First submit to the last task's doneAt. */
  seconds: number;
  tasksPerS: number;
  /**
   * While every worker had work: the first submit to the moment the queue ran dry (the k-th
   * doneAt, k = tasks − workers × concurrency; the worker that finished it took the last task),
   * and the k tasks done by then. The rest of a batch is its drain, in which workers go idle one
   * by one because the batch ran out, which one worker never does.
   */
  busy: { tasks: number; seconds: number; tasksPerS: number };
  /** Mean of each task's doneAt − startedAt. */
  meanTaskS: number;
  /** The imports' apply locks over the batch, sampled from pg_locks. */
  lock: LockTime;
  /** Counters over the batch; shares are the workers' (in order) and then the API node's. */
  spent: Spent;
}

/** One poll measurement through `nodes` API nodes, each in a share of its own. */
export interface PollRun {
  nodes: number;
  /** What was polled: a task held running (its row from PostgreSQL, its progress from the node's memory of the event stream) or a finished one (from the node's memory). */
  task: "running" | "finished";
  rps: number;
  requests: number;
  p99Ms: number;
  failed: number;
  generatorCores: number;
  /** Counters over the measurement; shares are the nodes', all three (a node not polled shows its idle cost). */
  spent: Spent;
}

export interface ScalingResult {
  machine: Machine;
  /** Load average when the benchmark started: other work on the machine before it. */
  loadAverageAtStart: string;
  measuredAt: string;
  redis: string;
  /** Cores each worker and API node process may use (cpu.cfs_quota_us / cpu.cfs_period_us). */
  /** Cores each process is held to: API nodes, workers. */
  shareCores: { nodes: number; workers: number };
  imports: {
    tasks: number;
    rows: number;
    concurrency: number;
    /** ratios: of tasksPerS over the whole batch; busyRatios: of busy.tasksPerS. */
    rounds: { order: number[]; runs: ImportRun[]; ratios: number[]; busyRatios: number[] }[];
  };
  polls: {
    generators: number;
    connections: number;
    durationS: number;
    warmupS: number;
    rounds: { order: number[]; runs: PollRun[]; ratios: number[]; finished: PollRun }[];
  };
}

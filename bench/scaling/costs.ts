import { median } from "../lib/stats.ts";
import { totalCalls } from "./redis-commands.ts";
import type { ImportRun, PollRun, ScalingResult } from "./result.ts";

/** What one import row and one import cost, from one batch. */
export interface ImportCost {
  workerUsPerRow: number;
  postgresUsPerRow: number;
  redisCommandsPerImport: number;
  /** Seconds an import spent in its apply, holding the lock of its supplier and kind. */
  applySPerImport: number;
  /** Share of the batch's wall time in which two or more applies ran at once. */
  applyOverlapShare: number;
}

/** What one poll costs, from one measurement. */
export interface PollCost {
  nodeUsPerPoll: number;
  postgresUsPerPoll: number;
  redisUsPerPoll: number;
  redisCommandsPerPoll: number;
  generatorUsPerPoll: number;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export function importCost(run: ImportRun, tasks: number, rows: number): ImportCost {
  const s = run.spent;
  const workerSeconds = sum(s.shareSeconds.slice(0, run.workers));
  return {
    workerUsPerRow: (workerSeconds / (tasks * rows)) * 1e6,
    postgresUsPerRow: (s.postgresSeconds / (tasks * rows)) * 1e6,
    redisCommandsPerImport: totalCalls(s.redisCommands) / tasks,
    applySPerImport: run.lock.appliedS / tasks,
    applyOverlapShare: run.lock.overlapS / run.seconds,
  };
}

export function pollCost(run: PollRun): PollCost {
  const s = run.spent;
  const per = (seconds: number) => (seconds / run.requests) * 1e6;
  return {
    nodeUsPerPoll: per(sum(s.shareSeconds)),
    postgresUsPerPoll: per(s.postgresSeconds),
    redisUsPerPoll: per(s.redisSeconds),
    redisCommandsPerPoll: totalCalls(s.redisCommands) / run.requests,
    // The generators measured their cores over their own measuring seconds, in which they made rps a second.
    generatorUsPerPoll: (run.generatorCores / run.rps) * 1e6,
  };
}

/** The median over the rounds of each cost, for each process count (index 0: one process). */
export function medianCosts(r: ScalingResult): { imports: ImportCost[]; polls: PollCost[]; finished: PollCost } {
  const of = <C extends object>(costs: C[]): C =>
    Object.fromEntries(Object.keys(costs[0]!).map((k) => [k, median(costs.map((c) => c[k as keyof C] as number))])) as C;
  const counts = r.imports.rounds[0]!.runs.map((_, i) => i);
  return {
    imports: counts.map((i) => of(r.imports.rounds.map((x) => importCost(x.runs[i]!, r.imports.tasks, r.imports.rows)))),
    polls: counts.map((i) => of(r.polls.rounds.map((x) => pollCost(x.runs[i]!)))),
    finished: of(r.polls.rounds.map((x) => pollCost(x.finished))),
  };
}

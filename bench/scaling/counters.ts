import { engineCpu } from "../distributed/engine-cpu.ts";
import { machineBusy } from "../distributed/machine-busy.ts";
import type { CpuShare } from "./cpu-shares.ts";
import { redisCommands } from "./redis-commands.ts";

/** What one measurement cost, over its wall seconds. */
export interface Spent {
  wallS: number;
  /** CPU seconds of each share, in the order given. */
  shareSeconds: number[];
  /** Share of the scheduler periods in which each share ran out of quota (cpu.stat). */
  shareThrottled: number[];
  /** Our database's backends and the PostgreSQL server's own processes (engine-cpu.ts). */
  postgresSeconds: number;
  /** Of which the server's own processes (WAL writer, checkpointer, …), which other databases on the server share. */
  postgresServerSeconds: number;
  redisSeconds: number;
  /** This benchmark process: the submits and waiting of the imports. */
  benchSeconds: number;
  redisCommands: Record<string, number>;
  /** Share of all the machine's cores busy (/proc/stat), whoever used them. */
  machineBusy: number;
}

export interface Engines {
  databaseName: string;
  redisPort: number;
}

/** Starts every counter a measurement reads; the returned function reads them all again. */
export async function startCounting(shares: CpuShare[], engines: Engines): Promise<() => Promise<Spent>> {
  const usedBefore = await Promise.all(shares.map((s) => s.usedSeconds()));
  const periodsBefore = await Promise.all(shares.map((s) => s.periods()));
  const engineUse = await engineCpu(engines.databaseName, engines.redisPort);
  const commands = await redisCommands(engines.redisPort);
  const bench = process.cpuUsage();
  const busy = machineBusy();
  const t0 = performance.now();
  return async () => {
    const wallS = (performance.now() - t0) / 1000;
    const machine = busy();
    const benchUse = process.cpuUsage(bench);
    const used = await Promise.all(shares.map((s) => s.usedSeconds()));
    const periods = await Promise.all(shares.map((s) => s.periods()));
    const engine = await engineUse();
    return {
      wallS,
      shareSeconds: used.map((u, i) => u - usedBefore[i]!),
      shareThrottled: periods.map((p, i) => {
        const total = p.periods - periodsBefore[i]!.periods;
        return total ? (p.throttled - periodsBefore[i]!.throttled) / total : 0;
      }),
      postgresSeconds: engine.postgres,
      postgresServerSeconds: engine.postgresServer,
      redisSeconds: engine.redis,
      benchSeconds: (benchUse.user + benchUse.system) / 1e6,
      redisCommands: await commands(),
      machineBusy: machine,
    };
  };
}

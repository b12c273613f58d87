import { readFile, readdir } from "node:fs/promises";
import { cpuSeconds } from "../lib/cpu.ts";

/** PostgreSQL's own processes, which work for every database (WAL, checkpoints, the postmaster). */
const POSTGRES_SHARED =
  /^postgres: .*: (checkpointer|background writer|walwriter|autovacuum launcher|logical replication launcher|archiver)\s*$|\/postgres -D /;

export interface EngineCpu {
  /** Our database's backends and the server's own processes together. */
  postgres: number;
  /** The server's own processes alone, which also work for other databases on the same server. */
  postgresServer: number;
  redis: number;
}
type Engine = "backend" | "postgresServer" | "redis";

/** CPU seconds so far of each live process whose command line `belongs` picks, by pid. */
async function snapshot(belongs: (cmdline: string) => Engine | null): Promise<Map<number, { engine: Engine; s: number }>> {
  const found = new Map<number, { engine: Engine; s: number }>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    // A process may end between the listing and the read: it simply is not counted.
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    const engine = belongs(cmdline.replaceAll("\0", " ").trim());
    if (!engine) continue;
    const s = await cpuSeconds(pid).catch(() => null);
    if (s !== null) found.set(pid, { engine, s });
  }
  return found;
}

/** The PostgreSQL server's postmaster when it runs on this machine (every backend is its child), else null. */
export async function postmasterPid(): Promise<number | null> {
  const [pid] = (await snapshot((cmdline) => (/\/postgres -D /.test(cmdline) ? "postgresServer" : null))).keys();
  return pid ?? null;
}

/**
 * CPU the engines spent for this benchmark, when they run on this machine (else 0): PostgreSQL's
 * backends of our database (their titles name it, so other databases' work on a shared server is
 * left out) and its shared processes, and our redis-server. Starts counting; the returned function
 * gives the seconds since. A backend that started in between counts whole; one that ended is lost
 * (the pools keep theirs open, so that is rare).
 */
export async function engineCpu(databaseName: string, redisPort: number): Promise<() => Promise<EngineCpu>> {
  const belongs = (cmdline: string): Engine | null => {
    if (cmdline.startsWith("redis-server ") && cmdline.includes(`:${redisPort}`)) return "redis";
    if (/^postgres: /.test(cmdline) && cmdline.split(" ").includes(databaseName)) return "backend";
    return POSTGRES_SHARED.test(cmdline) ? "postgresServer" : null;
  };
  const before = await snapshot(belongs);
  return async () => {
    const used: Record<Engine, number> = { backend: 0, postgresServer: 0, redis: 0 };
    for (const [pid, { engine, s }] of await snapshot(belongs)) used[engine] += s - (before.get(pid)?.s ?? 0);
    return { postgres: used.backend + used.postgresServer, postgresServer: used.postgresServer, redis: used.redis };
  };
}

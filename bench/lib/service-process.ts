import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { spawnService } from "@tasklane/testing/spawn";

/** The real API process on a free loopback port, as `pnpm start` runs it, over a fresh data folder; resolves once it listens. */
export async function startService(env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "tasklane-bench-"));
  const service = spawnService("api", { PORT: "0", HOST: "127.0.0.1", TASKLANE_DATA_DIR: dataDir, ...env });
  const { url } = await service.ready;
  const { child } = service;
  return {
    url: url!,
    pid: child.pid!,
    dataDir,
    /** The service's resident memory now, in MB, from /proc. */
    async rssMb(): Promise<number> {
      const status = await readFile(`/proc/${child.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
    },
    /** SIGTERM; resolves with the exit code (0 is a clean graceful stop). */
    async stop(): Promise<number | null> {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
      return child.exitCode;
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startScript } from "./server-process.ts";

const main = path.resolve(import.meta.dirname, "../../apps/api/src/main.ts");

/** The real API process on a free loopback port, as `pnpm start` runs it, over a fresh data folder. */
export async function startService(env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "tasklane-bench-"));
  const script = await startScript(main, { PORT: "0", HOST: "127.0.0.1", TASKLANE_DATA_DIR: dataDir, ...env });
  return {
    url: script.url,
    dataDir,
    /** The service's resident memory now, in MB, from /proc. */
    async rssMb(): Promise<number> {
      const status = await readFile(`/proc/${script.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
    },
    async stop(): Promise<number | null> {
      const code = await script.stop();
      await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

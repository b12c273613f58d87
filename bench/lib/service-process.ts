import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** The real API process on a free loopback port, as `pnpm start` runs it, over a fresh data folder. */
export async function startService(env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "tasklane-bench-"));
  // node itself with tsx as a loader (as `pnpm start` does), so the pid is the server's own.
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(root, "apps/api/src/main.ts")], {
    cwd: path.join(root, "apps/api"),
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", TASKLANE_DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk;
      const match = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the service exited (${code}) before it listened`)));
  });
  return {
    url,
    dataDir,
    /** The service's resident memory now, in MB, from /proc. */
    async rssMb(): Promise<number> {
      const status = await readFile(`/proc/${child.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
    },
    async stop(): Promise<number | null> {
      child.kill("SIGTERM");
      const [code] = child.exitCode === null ? await once(child, "exit") : [child.exitCode];
      await rm(dataDir, { recursive: true, force: true });
      return code as number | null;
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

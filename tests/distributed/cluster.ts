import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { afterEach } from "vitest";
import { type TestRedis, freshDatabase, startRedis } from "../contract/engines.ts";

const apiDir = path.resolve(import.meta.dirname, "../../apps/api");
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export interface Proc {
  child: ChildProcess;
  output(): string;
}

/** Spawns `src/<script>` of apps/api as `pnpm start` / `pnpm worker` run it. */
function spawnProcess(script: "main.ts" | "worker.ts", env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(apiDir, "src", script)], {
    cwd: apiDir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d));
  child.stderr!.on("data", (d: Buffer) => (output += d));
  return { child, output: () => output };
}

async function waitForOutput(proc: Proc, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(proc.output());
      if (match) {
        proc.child.stdout!.off("data", check);
        resolve(match);
      }
    };
    proc.child.stdout!.on("data", check);
    proc.child.once("exit", (code) => reject(new Error(`exited ${code}: ${proc.output()}`)));
    check();
  });
}

export interface Cluster {
  redis: TestRedis;
  nodes: { url: string; proc: Proc }[];
  workers: Proc[];
  databaseUrl: string;
  /** Starts one more worker process. */
  addWorker(): Promise<Proc>;
}

/**
 * A deployment on this machine: `apiNodes` API processes and `workers` worker processes over a
 * Redis server of the test's own and a fresh PostgreSQL database, all on 127.0.0.1.
 */
export async function startCluster({ apiNodes = 2, workers = 2, env = {} as Record<string, string> } = {}): Promise<Cluster> {
  const redis = await startRedis();
  cleanups.push(() => redis.close());
  const database = await freshDatabase();
  cleanups.push(() => database.drop());
  const common = {
    TASKLANE_BACKEND: "distributed",
    REDIS_URL: redis.url,
    DATABASE_URL: database.url,
    TASKLANE_QUEUE: "cluster",
    TASKLANE_STALLED_SECONDS: "2",
    TASKLANE_CONCURRENCY: "1",
    TASKLANE_SHUTDOWN_GRACE_SECONDS: "0",
    ...env,
  };
  const addWorker = async () => {
    const proc = spawnProcess("worker.ts", common);
    await waitForOutput(proc, /"msg":"worker started"/);
    return proc;
  };
  // The first process migrates; the others find the schema there (or wait on the migration lock).
  const nodes = [];
  for (let i = 0; i < apiNodes; i++) {
    const proc = spawnProcess("main.ts", { ...common, PORT: "0" });
    const [, url] = await waitForOutput(proc, /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/);
    nodes.push({ url: url!, proc });
  }
  const workerProcs = await Promise.all(Array.from({ length: workers }, addWorker));
  return { redis, nodes, workers: workerProcs, databaseUrl: database.url, addWorker };
}

export async function kill(proc: Proc, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const exited = once(proc.child, "exit");
  proc.child.kill(signal);
  await exited;
}

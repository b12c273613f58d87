import { once } from "node:events";
import { afterEach } from "vitest";
import { spawnScript } from "../../apps/api/test/api-process.ts";
import { type TestRedis, deploymentEnv, freshDatabase, startRedis } from "../contract/engines.ts";

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export type Proc = ReturnType<typeof spawnScript>;

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
    ...deploymentEnv({ redisUrl: redis.url, databaseUrl: database.url }, "cluster"),
    TASKLANE_STALLED_SECONDS: "2",
    TASKLANE_CONCURRENCY: "1",
    ...env,
  };
  const addWorker = async () => {
    const proc = spawnScript("worker.ts", common);
    await waitForOutput(proc, /"msg":"worker started"/);
    return proc;
  };
  // The first process migrates; the others find the schema there (or wait on the migration lock).
  const nodes = [];
  for (let i = 0; i < apiNodes; i++) {
    const proc = spawnScript("main.ts", { ...common, PORT: "0" });
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

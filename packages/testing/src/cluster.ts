import { afterEach } from "vitest";
import { type TestRedis, deploymentEnv, freshDatabase, startRedis } from "./engines.ts";
import { type ServiceProcess, startProcess, stopProcess } from "./process.ts";

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export interface Cluster {
  redis: TestRedis;
  nodes: { url: string; proc: ServiceProcess }[];
  workers: ServiceProcess[];
  databaseUrl: string;
  /** Starts one more worker process. */
  addWorker(): Promise<ServiceProcess>;
}

/**
 * A deployment on this machine: `apiNodes` API processes and `workers` worker processes over a
 * Redis server of the test's own and a fresh PostgreSQL database, all on 127.0.0.1, each
 * process ready (listening, taking jobs) when this resolves.
 */
export async function startCluster({
  apiNodes = 2,
  workers = 2,
  env = {},
}: { apiNodes?: number; workers?: number; env?: Record<string, string> } = {}): Promise<Cluster> {
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
  // Killed before the engines they use go away (cleanups run last-in first).
  const started = async (script: "api" | "worker", env: Record<string, string>) => {
    const proc = await startProcess(script, env);
    cleanups.push(() => stopProcess(proc));
    return proc;
  };
  const addWorker = () => started("worker", common);
  // The first process migrates; the others find the schema there (or wait on the migration lock).
  const nodes = [];
  for (let i = 0; i < apiNodes; i++) {
    const proc = await started("api", { ...common, PORT: "0" });
    nodes.push({ url: proc.url, proc });
  }
  const workerProcs = await Promise.all(Array.from({ length: workers }, addWorker));
  return { redis, nodes, workers: workerProcs, databaseUrl: database.url, addWorker };
}

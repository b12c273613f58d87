import path from "node:path";
import { deploymentEnv, freshDatabase, startRedis } from "@tasklane/testing/engines";
import { type NodeProcess, spawnNode, stopAll, waitForOutput } from "./node-process.ts";

const apiDir = path.resolve(import.meta.dirname, "../../apps/api");

export const TOKEN = "bench-distributed-token";

export interface BenchCluster {
  nodes: { url: string; proc: NodeProcess }[];
  /** Where the engines' own processes can be told apart from others' (engine-cpu.ts). */
  databaseName: string;
  redisPort: number;
  /** Starts a worker process running `concurrency` tasks at once; resolves once it takes jobs. */
  addWorker(concurrency: number): Promise<NodeProcess>;
  /** Stops every process, the Redis server and drops the database, whatever state they are in. */
  close(): Promise<void>;
}

/** `src/<script>` of apps/api as `pnpm start` / `pnpm worker` run it. */
function spawnApp(script: "main.ts" | "worker.ts", env: Record<string, string>): NodeProcess {
  return spawnNode(path.join(apiDir, "src", script), { cwd: apiDir, env });
}

/**
 * A deployment on this machine as docs/deploy.md describes it: `apiNodes` API processes over a
 * redis-server of the benchmark's own and a fresh PostgreSQL database (@tasklane/testing/engines),
 * all on 127.0.0.1; workers come and go per measurement.
 */
export async function startCluster(apiNodes: number): Promise<BenchCluster> {
  const cleanups: (() => Promise<void>)[] = [stopAll];
  const close = async () => {
    // Processes first: dropping the database under live pools would only make them log errors.
    for (const cleanup of cleanups.splice(0)) await cleanup().catch((error: unknown) => console.error("cleanup:", error));
  };
  try {
    const redis = await startRedis();
    cleanups.push(() => redis.close());
    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    const common = {
      ...deploymentEnv({ redisUrl: redis.url, databaseUrl: database.url }, "bench"),
      TASKLANE_TOKENS: `bench:${TOKEN}`,
      // info: the readiness lines below are info logs; neither process logs requests one by one.
      TASKLANE_LOG_LEVEL: "info",
    };
    // One after another: the first migrates, the next finds the schema there.
    const nodes = [];
    for (let i = 0; i < apiNodes; i++) {
      const proc = spawnApp("main.ts", { ...common, HOST: "127.0.0.1", PORT: "0" });
      const [, url] = await waitForOutput(proc, /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/);
      nodes.push({ url: url!, proc });
    }
    const addWorker = async (concurrency: number) => {
      const proc = spawnApp("worker.ts", { ...common, TASKLANE_CONCURRENCY: String(concurrency) });
      await waitForOutput(proc, /"msg":"worker started"/);
      return proc;
    };
    return { nodes, databaseName: new URL(database.url).pathname.slice(1), redisPort: Number(new URL(redis.url).port), addWorker, close };
  } catch (error) {
    await close();
    throw error;
  }
}

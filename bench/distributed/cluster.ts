import { deploymentEnv, freshDatabase, startRedis } from "@tasklane/testing/engines";
import { spawnService } from "@tasklane/testing/spawn";
import { type NodeProcess, adopt, stopAll } from "./node-process.ts";

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

/** apps/api's `pnpm start` ("api") or `pnpm worker` ("worker"), once its ready line says it listens or takes jobs. */
async function startApp(script: "api" | "worker", env: Record<string, string>): Promise<{ proc: NodeProcess; url: string }> {
  const service = spawnService(script, env);
  const proc = adopt(service.child, service.output);
  const { url } = await service.ready;
  return { proc, url: url ?? "" };
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
      TASKLANE_LOG_LEVEL: "warn",
    };
    // One after another: the first migrates, the next finds the schema there.
    const nodes = [];
    for (let i = 0; i < apiNodes; i++) {
      nodes.push(await startApp("api", { ...common, HOST: "127.0.0.1", PORT: "0" }));
    }
    const addWorker = async (concurrency: number) => {
      return (await startApp("worker", { ...common, TASKLANE_CONCURRENCY: String(concurrency) })).proc;
    };
    return { nodes, databaseName: new URL(database.url).pathname.slice(1), redisPort: Number(new URL(redis.url).port), addWorker, close };
  } catch (error) {
    await close();
    throw error;
  }
}

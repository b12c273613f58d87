import { TOKEN, startCluster } from "../distributed/cluster.ts";
import { startService } from "../lib/service-process.ts";

export interface Deployment {
  url: string;
  token: string;
  /** The API process the pollers read from, for its memory and CPU in /proc. */
  apiPid: number;
  close(): Promise<void>;
}

/** `pnpm start` as it runs by default: one process over SQLite in a fresh folder, the imports run in it. */
export async function embedded(): Promise<Deployment> {
  const api = await startService({ TASKLANE_TOKENS: `bench:${TOKEN}` });
  return {
    url: api.url,
    token: TOKEN,
    apiPid: api.pid,
    async close() {
      await api.stop();
    },
  };
}

/** One API node and one worker process (one task at a time) over a redis-server of its own and a fresh PostgreSQL database. */
export async function distributed(): Promise<Deployment> {
  const cluster = await startCluster(1);
  try {
    await cluster.addWorker(1);
  } catch (error) {
    await cluster.close();
    throw error;
  }
  const node = cluster.nodes[0]!;
  return { url: node.url, token: TOKEN, apiPid: node.proc.pid, close: () => cluster.close() };
}

import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { TOKEN, startCluster } from "../distributed/cluster.ts";
import { startScript } from "../lib/server-process.ts";

const main = path.resolve(import.meta.dirname, "../../apps/api/src/main.ts");

export interface Deployment {
  url: string;
  token: string;
  /** The API process the pollers read from, for its memory and CPU in /proc. */
  apiPid: number;
  close(): Promise<void>;
}

/** `pnpm start` as it runs by default: one process over SQLite in a fresh folder, the imports run in it. */
export async function embedded(): Promise<Deployment> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "tasklane-bench-"));
  const api = await startScript(main, { PORT: "0", HOST: "127.0.0.1", TASKLANE_DATA_DIR: dataDir, TASKLANE_TOKENS: `bench:${TOKEN}` });
  return {
    url: api.url,
    token: TOKEN,
    apiPid: api.pid,
    async close() {
      await api.stop();
      await rm(dataDir, { recursive: true, force: true });
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

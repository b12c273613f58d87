import { rssMb } from "../lib/cpu.ts";
import { startService } from "../lib/service-process.ts";
import { TOKEN, startCluster } from "../distributed/cluster.ts";

export interface Deployment {
  url: string;
  token: string;
  /** The API process's resident memory now, in MB (the process the pollers read from). */
  apiRssMb(): Promise<number>;
  close(): Promise<void>;
}

/** `pnpm start` as it runs by default: one process, SQLite, the imports run in it. */
export async function embedded(): Promise<Deployment> {
  const service = await startService({ TASKLANE_TOKENS: `bench:${TOKEN}` });
  return { url: service.url, token: TOKEN, apiRssMb: () => service.rssMb(), close: async () => void (await service.stop()) };
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
  return { url: node.url, token: TOKEN, apiRssMb: () => rssMb(node.proc.pid), close: () => cluster.close() };
}

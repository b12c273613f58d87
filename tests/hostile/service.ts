import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { type TasklaneClient, createTasklaneClient } from "@tasklane/client";
import { startApi, startCluster, tempDir } from "@tasklane/testing";

export const TOKEN = "hostile-test-token-0123456789";
export const SUPPLIER = "S";
/** The rows supplier S has from its good import, which no failed import may touch. */
export const KEPT_PART_NUMBERS = ["KEEP-1", "KEEP-2"];

/**
 * Which deployment the tests run on: the hostile project runs them on one embedded process, the
 * hostile-distributed project (TASKLANE_TEST_BACKEND=distributed) on an API node and a worker.
 */
export const distributed = process.env.TASKLANE_TEST_BACKEND === "distributed";

export interface HostileService {
  /** The API process's (or node's) URL, polled by the tests. */
  url: string;
  client: TasklaneClient;
  /** A folder for the test's files, removed after it. */
  dataDir: string;
  /** Every process of the deployment is still running. */
  alive(): boolean;
  /** Resident memory in MB, from /proc, of the process that runs the imports: the API process, or the worker. */
  rssMb(): Promise<number>;
  output(): string;
}

/**
 * The real processes as `pnpm start` (and `pnpm worker`) run them, with a token required as a
 * deployment runs them, killed after the test (@tasklane/testing's spawner). Embedded: one API
 * process on port 0 over a temp data folder. Distributed: one API node and one worker over a
 * redis-server of the test's own and a fresh PostgreSQL database (startCluster), with BullMQ's
 * default stall time rather than that suite's short one.
 */
export async function startHostileService(env: Record<string, string> = {}): Promise<HostileService> {
  const tokens = { TASKLANE_TOKENS: `tester:${TOKEN}` };
  if (!distributed) {
    const api = await startApi({ ...tokens, ...env });
    return {
      url: api.url,
      dataDir: api.dataDir,
      client: createTasklaneClient({ url: api.url, token: TOKEN }),
      alive: () => running(api.child),
      rssMb: () => rssMb(api.child.pid!),
      output: api.output,
    };
  }
  const cluster = await startCluster({ apiNodes: 1, workers: 1, env: { ...tokens, TASKLANE_STALLED_SECONDS: "30", ...env } });
  const [node, worker] = [cluster.nodes[0]!, cluster.workers[0]!];
  return {
    url: node.url,
    dataDir: await tempDir("tasklane-api-"),
    client: createTasklaneClient({ url: node.url, token: TOKEN }),
    alive: () => running(node.proc.child) && running(worker.child),
    rssMb: () => rssMb(worker.child.pid!),
    output: () => `API node:\n${node.proc.output()}\nworker:\n${worker.output()}`,
  };
}

const running = (child: { exitCode: number | null; signalCode: NodeJS.Signals | null }) =>
  child.exitCode === null && child.signalCode === null;

export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** Supplier S's good import, the rows every hostile import must leave in place; answers its task id. */
export async function seedSupplier(service: HostileService): Promise<string> {
  const file = path.join(service.dataDir, "good.csv");
  await writeFile(file, `PN;Price;Qty\n${KEPT_PART_NUMBERS.map((pn, i) => `${pn};${10 * (i + 1)};${i + 2}`).join("\n")}\n`);
  const done = await service.client.submitAndWait("stockImport", { file, supplier: SUPPLIER, kind: "stock" }, { timeoutMs: 30_000 });
  return done.id;
}

/** Part numbers a warehouse pricelist made now lists (every stock supplier's offers), read back through its CSV export. */
export async function warehousePartNumbers(service: HostileService): Promise<string[]> {
  const done = await service.client.submitAndWait("pricelistCreate", { source: "warehouse" }, { timeoutMs: 30_000 });
  const response = await fetch(`${service.url}/api/pricelists/${done.result.pricelistId}/export-csv`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  if (response.status !== 200) throw new Error(`export-csv answered ${response.status}`);
  const lines = (await response.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/)
    .slice(1);
  return lines.map((line) => line.split(/[;,]/)[0]!.replace(/^"|"$/g, "")).sort();
}

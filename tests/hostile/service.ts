import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { type TasklaneClient, createTasklaneClient } from "@tasklane/client";
import { startApi } from "../../apps/api/test/api-process.ts";

export const TOKEN = "hostile-test-token-0123456789";
export const SUPPLIER = "S";
/** The rows supplier S has from its good import, which no failed import may touch. */
export const KEPT_PART_NUMBERS = ["KEEP-1", "KEEP-2"];

export interface HostileService {
  url: string;
  pid: number;
  client: TasklaneClient;
  dataDir: string;
  alive(): boolean;
  /** The API process's resident memory, in MB, from /proc. */
  rssMb(): Promise<number>;
  output(): string;
}

/**
 * The real API process as `pnpm start` runs it (apps/api/test/api-process.ts: port 0, a temp
 * data folder, SIGKILLed after the test), with a token required, as a deployment runs it.
 */
export async function startHostileService(env: Record<string, string> = {}): Promise<HostileService> {
  const api = await startApi({ TASKLANE_TOKENS: `tester:${TOKEN}`, ...env });
  const pid = api.child.pid!;
  return {
    url: api.url,
    pid,
    dataDir: api.dataDir,
    client: createTasklaneClient({ url: api.url, token: TOKEN }),
    alive: () => api.child.exitCode === null && api.child.signalCode === null,
    rssMb: () => rssMb(pid),
    output: api.output,
  };
}

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
  const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/).slice(1);
  return lines.map((line) => line.split(/[;,]/)[0]!.replace(/^"|"$/g, "")).sort();
}

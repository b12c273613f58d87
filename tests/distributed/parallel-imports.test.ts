import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createTasklaneClient } from "@tasklane/client";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startCluster } from "@tasklane/testing";

const WAIT = { timeout: 60_000, interval: 50 };
// Two callers: deduplication folds one caller's second import of a supplier into the first.
const TOKENS = { one: "one-token-0123456789abcdef", two: "two-token-0123456789abcdef" };

let dir: string;
const clients: pg.Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.end().catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  clients.push(client);
  await client.connect();
  return client;
}

/** Backends that hold an import lock (an advisory lock of two keys) and wait on `pid`. */
const applyingBehind = async (observer: pg.Client, pid: number): Promise<number[]> =>
  (
    await observer.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 AND granted AND $1 = ANY(pg_blocking_pids(pid))`,
      [pid],
    )
  ).rows.map((r) => r.pid);

/** Backends that wait for an advisory lock `pid` holds. */
const waitingForLockOf = async (observer: pg.Client, pid: number): Promise<number[]> =>
  (
    await observer.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND $1 = ANY(pg_blocking_pids(pid))`,
      [pid],
    )
  ).rows.map((r) => r.pid);

describe("imports on two workers, each its own process", () => {
  it("imports of two suppliers apply side by side; a second import of one supplier waits for the first's apply", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "tasklane-parallel-"));
    const cluster = await startCluster({ apiNodes: 1, workers: 2, env: { TASKLANE_TOKENS: `one:${TOKENS.one},two:${TOKENS.two}` } });
    const [one, two] = [TOKENS.one, TOKENS.two].map((token) => createTasklaneClient({ url: cluster.nodes[0]!.url, token }));
    const file = async (name: string, rows: string[]) => {
      const at = path.join(dir, name);
      await writeFile(at, `PN;Price;Qty\n${rows.join("\n")}\n`);
      return at;
    };
    await one!.submitAndWait("stockImport", { file: await file("ocean-0.csv", ["KEEP-1;10;2"]), supplier: "Ocean", kind: "stock" });

    // Ocean's suppliers row, which an import's apply writes last: Ocean's next apply stays open
    // until this commits.
    const held = await connect(cluster.databaseUrl);
    const observer = await connect(cluster.databaseUrl);
    const heldPid = (await held.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    await held.query("BEGIN");
    await held.query("SELECT 1 FROM suppliers WHERE name = 'Ocean' AND kind = 'stock' FOR UPDATE");

    const firstFile = await file("ocean-1.csv", ["KEEP-1;11;2"]);
    const first = await one!.submit.stockImport({ file: firstFile, supplier: "Ocean", kind: "stock" });
    const applying = await vi.waitFor(async () => {
      const pids = await applyingBehind(observer, heldPid);
      expect(pids).toHaveLength(1);
      return pids[0]!;
    }, WAIT);

    const reefFile = await file("reef.csv", ["KEEP-1;9;1", "REEF-1;5;1"]);
    const reef = await one!.submitAndWait("stockImport", { file: reefFile, supplier: "Reef", kind: "stock" });
    expect(reef.result).toMatchObject({ imported: 2, rowsAfter: 2 });
    // Reef's apply ran from start to end on the other worker while Ocean's held its lock.
    expect(await applyingBehind(observer, heldPid)).toEqual([applying]);
    expect((await one!.getTask(first.taskId)).status).toBe("running");

    const secondFile = await file("ocean-2.csv", ["KEEP-1;12;2", "KEEP-2;20;3"]);
    const second = await two!.submit.stockImport({ file: secondFile, supplier: "Ocean", kind: "stock" });
    expect(second.deduplicated).toBe(false);
    await vi.waitFor(async () => expect(await waitingForLockOf(observer, applying)).toHaveLength(1), WAIT);
    expect((await two!.getTask(second.taskId)).status).toBe("running");

    await held.query("COMMIT");
    expect((await one!.pollTask(first.taskId)).result).toMatchObject({ rowsAfter: 1 });
    expect((await two!.pollTask(second.taskId)).result).toMatchObject({ rowsBefore: 1, rowsAfter: 2 });
    const { rows } = await observer.query(
      "SELECT c.part_number, o.price FROM offers o JOIN components c ON c.id = o.component_id WHERE o.supplier = 'Ocean' ORDER BY 1",
    );
    expect(rows).toEqual([
      { part_number: "KEEP-1", price: 12 },
      { part_number: "KEEP-2", price: 20 },
    ]);
  });
});

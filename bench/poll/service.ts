/** The service the poll benchmark and the poll profiler measure, and the tasks they poll. */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startScript } from "../lib/server-process.ts";
import { captureTaskGet } from "./client-requests.ts";

export const TOKEN = "bench-token-0123456789";

/** service-main.ts on a fresh data folder; `env` adds to its environment (NODE_OPTIONS for a profile). */
export async function startService(fastTaskGet: boolean, env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "tasklane-poll-bench-"));
  const server = await startScript(path.join(import.meta.dirname, "service-main.ts"), {
    HOST: "127.0.0.1",
    PORT: "0",
    TASKLANE_DATA_DIR: dataDir,
    TASKLANE_TOKENS: `bench:${TOKEN}`,
    TASKLANE_LOG_LEVEL: "warn",
    TASKLANE_SHUTDOWN_GRACE_SECONDS: "0",
    BENCH_FAST_TASK_GET: fastTaskGet ? "1" : "0",
    ...env,
  });
  return { ...server, dataDir };
}

/** A running task (held by service-main's pricelistCreate) and a completed recalculation, with the clients' requests for each. */
export async function prepare(url: string) {
  const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
  const submit = async (procedure: string, input: unknown) => {
    const res = await fetch(`${url}/trpc/${procedure}`, { method: "POST", headers, body: JSON.stringify({ json: input }) });
    return ((await res.json()) as { result: { data: { json: { taskId: string } } } }).result.data.json.taskId;
  };
  const running = await submit("tasks.submit.pricelistCreate", { source: "warehouse" });
  const completed = await submit("tasks.submit.recalculate", {});
  const rest = async (id: string) => (await fetch(`${url}/api/tasks/${id}`, { headers })).json() as Promise<{ status: string }>;
  while ((await rest(completed)).status !== "completed" || (await rest(running)).status !== "running") {
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    running: await captureTaskGet(url, TOKEN, running),
    completed: await captureTaskGet(url, TOKEN, completed),
    taskJson: JSON.stringify(await rest(running)),
  };
}

import { afterEach } from "vitest";
import { tempDir } from "./dirs.ts";
import { type ServiceProcess, spawnService, stopProcess } from "./spawn.ts";

export { type ReadyMessage, type ServiceProcess, exitCode, stopProcess } from "./spawn.ts";

const spawned: ServiceProcess[] = [];

afterEach(async () => {
  await Promise.all(spawned.splice(0).map((proc) => stopProcess(proc, "SIGKILL")));
});

/** spawnService (./spawn.ts), killed after the test if still running. Most tests want startProcess. */
export function spawnProcess(...args: Parameters<typeof spawnService>): ServiceProcess {
  const proc = spawnService(...args);
  spawned.push(proc);
  return proc;
}

/** Spawns the process and resolves once it is ready; an API's URL is its ready line's. */
export async function startProcess(
  script: Parameters<typeof spawnService>[0],
  env: Record<string, string> = {},
): Promise<ServiceProcess & { url: string }> {
  const proc = spawnProcess(script, env);
  const { url } = await proc.ready;
  return { ...proc, url: url ?? "" };
}

/** The API, embedded, on a free port over `dir` (a fresh folder by default), once it listens. */
export async function startApi(env: Record<string, string> = {}, dir?: string) {
  const dataDir = dir ?? (await tempDir("tasklane-api-"));
  return { ...(await startProcess("api", { PORT: "0", TASKLANE_DATA_DIR: dataDir, ...env })), dataDir };
}

import { ConfigError, createDistributedServer, createEmbeddedServer, loadConfig } from "@tasklane/server";
import { onStopSignal } from "./stop-signal.ts";
import { webRoot } from "./web-root.ts";

/**
 * An API process: configuration from the environment. Embedded (default): tasks run here over
 * one SQLite file under ./data. Distributed: this node stores and enqueues tasks; `pnpm worker`
 * processes run them.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { backend, ...options } = config;
  const service =
    backend.kind === "distributed"
      ? await createDistributedServer({ ...options, ...backend, webRoot: await webRoot() })
      : await createEmbeddedServer({ ...options, webRoot: await webRoot() });
  onStopSignal(async (signal) => {
    service.server.log.info({ signal, graceMs: config.graceMs }, "stopping: no new tasks; running ones may finish");
    await service.stop();
  });
  await service.start();
}

main().catch((error: unknown) => {
  // A bad setting is one line for a person; anything else keeps its stack for the log.
  console.error(error instanceof ConfigError ? `tasklane: ${error.message}` : error);
  process.exit(1);
});

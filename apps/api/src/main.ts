import { type Config, ConfigError, createDistributedServer, createEmbeddedServer, loadConfig } from "@tasklane/server";
import { startupProblem } from "./startup-problem.ts";
import { type ReadyDetails, readySignal } from "./ready-signal.ts";
import { onStopSignal } from "./stop-signal.ts";
import { webRoot } from "./web-root.ts";

/**
 * An API process: configuration from the environment. Embedded (default): tasks run here over
 * one SQLite file under ./data. Distributed: this node stores and enqueues tasks; `pnpm worker`
 * processes run them.
 */
async function main(config: Config, ready: (details: ReadyDetails) => void): Promise<void> {
  const { backend, ...options } = config;
  const service =
    backend.kind === "distributed"
      ? await createDistributedServer({ ...options, ...backend, webRoot: await webRoot() })
      : await createEmbeddedServer({ ...options, webRoot: await webRoot() });
  onStopSignal(async (signal) => {
    service.server.log.info({ signal, graceMs: config.graceMs }, "stopping: no new tasks; running ones may finish");
    await service.stop();
  });
  ready({ url: await service.start() });
}

let config: Config | undefined;
let ready: ((details: ReadyDetails) => void) | undefined;
try {
  config = loadConfig(process.env);
  ready = readySignal(process.env);
} catch (error) {
  fail(error);
}
main(config, ready).catch(fail);

function fail(error: unknown): never {
  // A bad setting, a port taken or a folder that cannot be written is one line for a person;
  // anything else keeps its stack for the log.
  const line = error instanceof ConfigError ? error.message : config && startupProblem(error, config);
  console.error(line ? `tasklane: ${line}` : error);
  process.exit(1);
}

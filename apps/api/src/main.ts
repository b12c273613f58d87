import { ConfigError, createEmbeddedServer, loadConfig } from "@tasklane/server";
import { webRoot } from "./web-root.ts";

/** The tasklane process: configuration from the environment, the embedded store under ./data. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const service = await createEmbeddedServer({ ...config, webRoot: await webRoot() });
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    service.server.log.info({ signal, graceMs: config.graceMs }, "stopping: no new tasks; running ones may finish");
    await service.stop();
    process.exit(0);
  };
  process.on("SIGINT", (s) => void stop(s));
  process.on("SIGTERM", (s) => void stop(s));
  await service.start();
}

main().catch((error: unknown) => {
  // A bad setting is one line for a person; anything else keeps its stack for the log.
  console.error(error instanceof ConfigError ? `tasklane: ${error.message}` : error);
  process.exit(1);
});

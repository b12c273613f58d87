import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type EmbeddedOptions, type EmbeddedServer, type TaskHandlers, createEmbeddedServer } from "@tasklane/server";
import { afterEach } from "vitest";

export { gate, recalcResult, testHandlers, untilAborted } from "../../packages/server/test/helpers.ts";

const running: EmbeddedServer[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A folder for one test, removed after it. */
export async function tempDir(prefix = "tasklane-test-"): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

type ServiceOptions = Partial<Omit<EmbeddedOptions, "handlers">> & { handlers?: TaskHandlers };

/**
 * The real embedded service (SQLite file and uploads in a fresh folder) on 127.0.0.1 and a
 * free port, stopped after the test. `handlers` replaces the pricing handlers.
 */
export async function startService({ handlers, ...options }: ServiceOptions = {}) {
  const service = await createEmbeddedServer({
    dataDir: options.dataDir ?? (await tempDir()),
    host: "127.0.0.1",
    port: 0,
    logger: false,
    graceMs: 0,
    ...(handlers ? { handlers: () => handlers } : {}),
    ...options,
  });
  running.push(service);
  const url = await service.start();
  return { ...service, url };
}

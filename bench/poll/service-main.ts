/**
 * The tasklane service as apps/api runs it (configuration from the environment, the embedded SQLite
 * store, the pricing handlers, tokens), with two changes for the poll benchmark:
 * - BENCH_FAST_TASK_GET=0 turns the tasks.get fast path off, to measure tRPC's own adapter beside it
 *   (apps/api has no setting for it);
 * - pricelistCreate waits until it is cancelled or the service stops, so the benchmark can poll a
 *   task that really is `running` without that task spending CPU the requests would be charged for;
 * - BENCH_CPU_PROFILE=<file> records a CPU profile (node:inspector; --cpu-prof is refused in
 *   NODE_OPTIONS) from start to SIGTERM, for poll-profile.ts.
 */
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { ConfigError, type TaskHandler, createEmbeddedServer, loadConfig, pricingHandlers } from "@tasklane/server";

const heldUntilAborted: TaskHandler<"pricelistCreate"> = (_input, ctx) =>
  new Promise((_, reject) => {
    ctx.progress(10, "Held by the benchmark");
    ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason), { once: true });
  });

/** Starts the profiler if asked; the returned function writes the profile. */
async function profiler(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => {};
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return async () => {
    const { profile } = await session.post("Profiler.stop");
    await writeFile(file, JSON.stringify(profile));
  };
}

try {
  const stopProfiler = await profiler(process.env.BENCH_CPU_PROFILE);
  const config = loadConfig(process.env);
  const service = await createEmbeddedServer({
    ...config,
    fastTaskGet: process.env.BENCH_FAST_TASK_GET !== "0",
    handlers: (deps) => ({ ...pricingHandlers(deps), pricelistCreate: heldUntilAborted }),
  });
  process.once(
    "SIGTERM",
    () =>
      void service
        .stop()
        .then(stopProfiler)
        .then(() => process.exit(0)),
  );
  console.log(`listening at ${await service.start()}`);
} catch (error) {
  console.error(error instanceof ConfigError ? `tasklane: ${error.message}` : error);
  process.exit(1);
}

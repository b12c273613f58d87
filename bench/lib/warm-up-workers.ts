import type { TasklaneClient } from "@tasklane/client";

/**
 * A worker ran an import in a round when its CPU rose by more than this share of the busiest
 * worker's rise: an idle worker's timers cost a few ms, an import tens to hundreds. A fixed 0.05 s
 * held for 20,000-row imports but not for the distributed benchmark's 2,000-row ones, which a
 * warm worker runs in about that: rounds of two imports each counted by luck, and a run failed.
 */
const RAN_AN_IMPORT_SHARE = 0.25;
/**
 * Imports per worker before it is measured: its second import still cost a third more CPU than its fourth. Four rather
 * than two did not change how a worker's CPU per row rises with the count of workers (docs/scaling.md): it is not
 * the JIT's warm-up.
 */
export const WARM_UP_IMPORTS = 4;
const ATTEMPTS = 6;
const WARM_UP_TIMEOUT_MS = 180_000;

/**
 * A fresh worker's first import also starts its task thread, compiles the pricing code and opens its
 * connection, and the JIT has not yet optimised the parsing: its first two imports cost up to three
 * times the CPU of later ones, which a running deployment paid once, at its start. Measured cold,
 * that cost fell once per worker, so each added worker made every import of a batch dearer (a
 * worker's CPU per row rose with the count). Each worker runs WARM_UP_IMPORTS imports of
 * `uploadId` first; which worker takes a job is BullMQ's choice, so a round of one import per
 * worker counts only when every worker's CPU shows it ran one. `usedSeconds`: one reader of CPU
 * seconds per worker.
 */
export async function warmUpWorkers(client: TasklaneClient, uploadId: string, usedSeconds: (() => Promise<number>)[]): Promise<void> {
  const read = () => Promise.all(usedSeconds.map((used) => used()));
  let counted = 0;
  for (let attempt = 0; attempt < ATTEMPTS && counted < WARM_UP_IMPORTS; attempt++) {
    const before = await read();
    const submitted = await Promise.all(
      usedSeconds.map((_, i) => client.submit.stockImport({ uploadId, supplier: `Warm-up supplier ${i + 1}`, kind: "stock" })),
    );
    await Promise.all(submitted.map((s) => client.pollTask(s.taskId, { timeoutMs: WARM_UP_TIMEOUT_MS })));
    const rises = (await read()).map((used, i) => used - before[i]!);
    if (rises.every((rise) => rise > Math.max(...rises) * RAN_AN_IMPORT_SHARE)) counted++;
  }
  if (counted < WARM_UP_IMPORTS) throw new Error(`in ${ATTEMPTS} rounds of warm-up imports, some worker missed more than one`);
}

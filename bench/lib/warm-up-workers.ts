import type { TasklaneClient } from "@tasklane/client";

/**
 * A worker ran an import in a round when its CPU rose by more than this share of the busiest
 * worker's rise: an idle worker's timers cost a few ms, an import tens to hundreds. A fixed 0.05 s
 * held for 20,000-row imports but not for the distributed benchmark's 2,000-row ones, which a
 * warm worker runs in about that: rounds of two imports each counted by luck, and a run failed.
 */
const RAN_AN_IMPORT_SHARE = 0.25;
/**
 * Imports per worker before it is measured. One process importing the scaling benchmark's 20,000-row file into
 * PostgreSQL over and over (2026-12-04, two runs) spent 0.05 to 0.31 s of CPU on each of its first 15 imports, most
 * 0.08 to 0.15; in the run that went on to 40, 17 of the imports after the 20th cost 0.046 to 0.062 s and three
 * 0.08 to 0.10. Measured after four, a worker alone kept getting cheaper through its batch while each of three ran a
 * third as many, so a larger batch gave lower ratios (24 imports a batch instead of 12: 1.54x and 2.19x).
 */
export const WARM_UP_IMPORTS = 20;
const ATTEMPTS = WARM_UP_IMPORTS + 4;
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

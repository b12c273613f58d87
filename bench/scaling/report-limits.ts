import { fixed, percent } from "../distributed/report-format.ts";
import { median } from "../lib/stats.ts";
import type { ScalingResult } from "./result.ts";

/** The aims: 2 processes at least 1.8x one, 3 at least 2.5x. */
export const AIMS = [1.8, 2.5] as const;

/** Amdahl: what n workers can reach at most when `serial` of one worker's time runs one at a time. */
const amdahl = (serial: number, n: number) => 1 / (serial + (1 - serial) / n);

function importLimit(r: ScalingResult): string {
  const i = r.imports;
  const m = (pick: (x: (typeof i.rounds)[number]) => number) => median(i.rounds.map(pick));
  const serial = m((x) => x.runs[0]!.lock.heldS / x.runs[0]!.seconds);
  const busy = median(i.rounds.flatMap((x) => x.runs.map((run) => run.spent.machineBusy)));
  const swap = (k: number) => m((x) => x.runs[k]!.lock.heldS / i.tasks);
  const used = (k: number) =>
    m((x) => x.runs[k]!.spent.shareSeconds.slice(0, k + 1).reduce((a, b) => a + b, 0) / x.runs[k]!.spent.wallS / (k + 1));
  return (
    `**Imports.** With one worker an import's swap held the pricing write lock ${percent(serial)} of the batch (${fixed(swap(0), 2)} s per import). ` +
    `While that lock is one for all suppliers, that part runs one import at a time whatever the worker count, so n workers reach at most ` +
    `1 / (s + (1 − s) / n) of one (s = ${fixed(serial, 2)}): ${fixed(amdahl(serial, 2), 2)} for two and ${fixed(amdahl(serial, 3), 2)} for three` +
    (amdahl(serial, 2) < AIMS[0] || amdahl(serial, 3) < AIMS[1]
      ? `, short of the aims (${AIMS.join(" and ")}) before anything else counts. `
      : `, so the lock alone leaves the aims (${AIMS.join(" and ")}) within reach. `) +
    `Measured: ${fixed(
      m((x) => x.ratios[0]!),
      2,
    )} and ` +
    `${fixed(
      m((x) => x.ratios[1]!),
      2,
    )}. The swap itself took ${fixed(swap(0), 2)} s per import with one worker, ${fixed(swap(1), 2)} with two and ` +
    `${fixed(swap(2), 2)} with three (PostgreSQL does the swap, and it shares its cores with the other imports' staging), and each worker used ` +
    `${fixed(used(0), 2)}, ${fixed(used(1), 2)} and ${fixed(used(2), 2)} of its ${r.shareCores} core: the rest of the time it waited for PostgreSQL ` +
    "and the lock, not for CPU." +
    (busy >= 0.9
      ? ` The machine was ${percent(busy)} busy during the batches (median; load average ${r.loadAverageAtStart} at the start): PostgreSQL, ` +
        "outside the shares at plain weight, shared the rest of the cores with other work, which lengthens the swap and every statement."
      : "")
  );
}

function pollLimit(r: ScalingResult): string {
  const p = r.polls;
  const m = (pick: (x: (typeof p.rounds)[number]) => number) => median(p.rounds.map(pick));
  const three = (x: (typeof p.rounds)[number]) => x.runs[2]!.spent;
  const nodeCores = m((x) => three(x).shareSeconds.reduce((a, b) => a + b, 0) / three(x).wallS / 3);
  const hit = m((x) => three(x).shareThrottled.reduce((a, b) => a + b, 0) / 3);
  const bound =
    hit >= 0.8
      ? `each node was at its quota in ${percent(hit)} of the periods: the nodes' own CPU bounds the polls, which is what a share should show`
      : `the nodes were at their quota in only ${percent(hit)} of the periods: something outside them (PostgreSQL, Redis, the generators, or the machine at ${percent(m((x) => three(x).machineBusy))} busy) held the polls back`;
  return (
    `**Polls.** Through three nodes each node used ${fixed(nodeCores, 2)} of its ${r.shareCores} core and ${bound}. PostgreSQL used ` +
    `${fixed(
      m((x) => three(x).postgresSeconds / three(x).wallS),
      2,
    )} cores and Redis ${fixed(
      m((x) => three(x).redisSeconds / three(x).wallS),
      2,
    )} ` +
    `for ${m((x) => x.runs[2]!.rps).toLocaleString("en-US")} polls/s of a running task. Measured: ${fixed(
      m((x) => x.ratios[0]!),
      2,
    )}× with two nodes, ` +
    `${fixed(
      m((x) => x.ratios[1]!),
      2,
    )}× with three.`
  );
}

/** What bounds the ratios in this run, in its own figures. */
export function scalingLimits(r: ScalingResult): string {
  return ["### What limits scaling here", "", importLimit(r), "", pollLimit(r)].join("\n");
}

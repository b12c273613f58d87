import { fixed, percent } from "../distributed/report-format.ts";
import { median } from "../lib/stats.ts";
import { medianCosts } from "./costs.ts";
import type { ScalingResult } from "./result.ts";

/** The aims: 2 processes at least 1.8x one, 3 at least 2.5x. */
export const AIMS = [1.8, 2.5] as const;

function importLimit(r: ScalingResult): string {
  const i = r.imports;
  const m = (pick: (x: (typeof i.rounds)[number]) => number) => median(i.rounds.map(pick));
  const costs = medianCosts(r).imports;
  const busy = median(i.rounds.flatMap((x) => x.runs.map((run) => run.spent.machineBusy)));
  const workersOf = (k: number, pick: (s: ScalingResult["imports"]["rounds"][number]["runs"][number]["spent"]) => number[]) =>
    m(
      (x) =>
        pick(x.runs[k]!.spent)
          .slice(0, k + 1)
          .reduce((a, b) => a + b, 0) /
        (k + 1),
    );
  const used = (k: number) => workersOf(k, (s) => s.shareSeconds.map((v) => v / s.wallS));
  const hit = (k: number) => workersOf(k, (s) => s.shareThrottled);
  const list = (values: number[], digits: number) =>
    `${values
      .slice(0, -1)
      .map((v) => fixed(v, digits))
      .join(", ")} and ${fixed(values.at(-1)!, digits)}`;
  const counts = costs.map((_, k) => k);
  const perRow = costs.map((c) => c.workerUsPerRow);
  // If each worker is bound by its share, n of them do n shares of work, each row costing what it cost at n.
  const bound = counts.slice(1).map((k) => ((k + 1) * perRow[0]!) / perRow[k]!);
  const cpuBound = hit(counts.length - 1) >= 0.5;
  return (
    `**Imports.** An import applies its rows batch by batch as it reads, holding the lock of its supplier and kind only, so the batch's imports (${i.tasks} suppliers) may apply at once: ` +
    `with three workers two or more ran together in ${percent(m((x) => x.runs[2]!.lock.overlapS / x.runs[2]!.seconds))} of the batch. ` +
    `An import held its lock ${list(
      costs.map((c) => c.applySPerImport),
      2,
    )} s per import with one, two and three workers. ` +
    `Measured, while every worker had work: ${fixed(
      m((x) => x.busyRatios[0]!),
      2,
    )} and ${fixed(
      m((x) => x.busyRatios[1]!),
      2,
    )} (aims ${AIMS.join(" and ")}); over the whole batch, its drain included, ${fixed(
      m((x) => x.ratios[0]!),
      2,
    )} and ${fixed(
      m((x) => x.ratios[1]!),
      2,
    )}. ` +
    `Each worker used ${list(counts.map(used), 2)} of its ${r.shareCores.workers} core and was at its quota in ${list(
      counts.map(hit).map((v) => v * 100),
      0,
    )}% ` +
    "of the periods" +
    (cpuBound
      ? ": the workers' own CPU bounds the imports, as a share should. "
      : ": the rest of the time it waited for PostgreSQL, not for its CPU. ") +
    `A worker's CPU per row was ${list(perRow, 1)} µs (a cost that grows with the count is contention, the same work costing more), ` +
    `PostgreSQL's ${list(
      costs.map((c) => c.postgresUsPerRow),
      1,
    )} µs. ` +
    (cpuBound
      ? `Workers held to their shares reach at most n × (CPU per row with one) / (CPU per row with n): ${list(bound, 2)} for two and three. `
      : "") +
    (busy >= 0.9
      ? `The machine was ${percent(busy)} busy during the batches (median; load average ${r.loadAverageAtStart} at the start): PostgreSQL, ` +
        "outside the shares, shared the rest of the cores with other work, which lengthens every statement."
      : `The machine was ${percent(busy)} busy during the batches (median).`)
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
    `**Polls.** Through three nodes each node used ${fixed(nodeCores, 2)} of its ${r.shareCores.nodes} core and ${bound}. PostgreSQL used ` +
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

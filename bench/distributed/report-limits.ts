import { median } from "../lib/stats.ts";
import { fixed, percent } from "./report-format.ts";
import type { DistributedResult } from "./result.ts";

/** Why two workers did not double the imports, chosen by this run's figures: the machine, PostgreSQL, or waiting. */
function importBound(r: DistributedResult): string {
  const rounds = r.imports.rounds;
  const busyTwo = median(rounds.map((x) => x.two.machineBusy));
  const postgresTwo = median(rounds.map((x) => x.two.postgresCores));
  if (busyTwo >= 0.9) return "The machine was then close to saturated: CPU bounds it.";
  if (postgresTwo >= 0.85) {
    return (
      `Cores were left idle (${percent(busyTwo)} busy), but PostgreSQL used ${fixed(postgresTwo, 2)} cores with two workers, close to the one ` +
      "core its two busy backends can use while everything else shares the same 2 cores."
    );
  }
  return (
    `Cores were left idle (${percent(busyTwo)} busy), so CPU alone does not bound it; what is left is waiting: commits waiting for ` +
    "PostgreSQL's WAL flush, which /proc/stat counts as idle or I/O wait (this benchmark does not tell the two apart)."
  );
}

/** What bounds both ratios on a machine where everything shares the cores, with this run's own figures. */
export function limits(r: DistributedResult): string {
  const cpus = r.machine.cpus;
  const i = r.imports.rounds;
  const p = r.polls.rounds;
  const m = (values: number[]) => fixed(median(values), 2);
  const stretch = median(i.map((x) => x.two.meanTaskS / x.one.meanTaskS));
  const [workerOne, postgresOne] = [median(i.map((x) => x.one.workerCores)), median(i.map((x) => x.one.postgresCores))];
  return [
    "### What limits scaling here",
    "",
    `Every process shares this machine's ${cpus} cores: the API nodes, the workers, PostgreSQL, Redis, autocannon and the benchmark itself. ` +
      `**Imports:** one worker used ${fixed(workerOne, 2)} of a core and PostgreSQL ${fixed(postgresOne, 2)} (copying each batch of rows in, the components and offers it inserts, the ` +
      `task rows)${postgresOne > workerOne ? ": most of an import's CPU is PostgreSQL's, and both workers share that one server" : ""}. ` +
      `With two workers each import took ${fixed(stretch, 2)}× as long as with one (mean task time, median of the rounds), so two at once ` +
      `finish about 2 / ${fixed(stretch, 2)} = ${fixed(2 / stretch, 2)}× as many per second: their statements queue on the same PostgreSQL ` +
      `and on the same ${cpus} cores. The machine was ` +
      `${percent(median(i.map((x) => x.one.machineBusy)))} busy with one worker and ${percent(median(i.map((x) => x.two.machineBusy)))} with two. ` +
      `${importBound(r)} ` +
      `**Polls:** one node already kept the machine ${percent(median(p.map((x) => x.one.machineBusy)))} busy: the node ` +
      `${m(p.map((x) => x.one.nodeCores[0]!))} cores, PostgreSQL ${m(p.map((x) => x.one.postgresCores))} (a finished task is read from ` +
      `PostgreSQL once per node and then answered from the node's memory, FinishedTasks), autocannon ${m(p.map((x) => x.one.generatorCores))}. ` +
      `A second node brings a second JavaScript thread to the same ${cpus} cores: the two nodes together used ` +
      `${m(p.map((x) => x.two.nodeCores.reduce((a, b) => a + b, 0)))} cores, against ${m(p.map((x) => x.one.nodeCores[0]!))} for one, with the ` +
      `machine ${percent(median(p.map((x) => x.two.machineBusy)))} busy, and answered ${m(p.map((x) => x.ratio))}× the requests; the load generators ` +
      "share those cores too. These ratios measure this machine, not the design: on separate machines each node and worker " +
      "brings its own cores, and PostgreSQL, one server for all of them, becomes the shared limit.",
  ].join("\n");
}

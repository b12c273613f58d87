import { WARM_UP_IMPORTS } from "../lib/warm-up-workers.ts";
import { median, spread } from "../lib/stats.ts";
import { fixed, percent, restOfImports, restOfPolls, table } from "./report-format.ts";
import { limits } from "./report-limits.ts";
import type { DistributedResult, ImportRun, PollRun } from "./result.ts";

/** Said only when it happened: later batches slower than the first, which a ratio across rounds would misread. */
function drift(r: DistributedResult): string[] {
  const { rounds, tasks, rows } = r.imports;
  const [first, last] = [rounds[0]!, rounds.at(-1)!];
  if (last.one.meanTaskS < 1.3 * first.one.meanTaskS) return [];
  return [
    "",
    `Imports slowed from round to round (one worker's mean task ${fixed(first.one.meanTaskS, 3)} s in round 1, ` +
      `${fixed(last.one.meanTaskS, 3)} s in round ${rounds.length}): every batch leaves ${(tasks * rows).toLocaleString("en-US")} replaced offer ` +
      "rows and as many staged-then-cleared rows behind as dead rows for autovacuum. That is why each ratio is taken within a round, where both " +
      "counts ran seconds apart, and why the order alternates.",
  ];
}

function imports(r: DistributedResult): string {
  const { rounds } = r.imports;
  const cpus = r.machine.cpus;
  const both = (pick: (run: ImportRun) => string) => (x: { one: ImportRun; two: ImportRun }) => `${pick(x.one)} / ${pick(x.two)}`;
  const cores = (run: ImportRun) =>
    [run.workerCores, run.nodeCores, run.postgresCores, run.redisCores, restOfImports(run, cpus)].map((c) => fixed(c, 2)).join(" · ");
  return [
    "### Imports: one worker process or two",
    "",
    `${r.imports.tasks} stockImport tasks of one ${r.imports.rows.toLocaleString("en-US")}-row stock CSV (uploaded once through the client's uploadFile; ` +
      "each submit reuses its uploadId with a distinct supplier, so deduplication folds none), submitted at once through one API node with " +
      `@tasklane/client and waited for with pollTask; the real pricing handlers. Each worker process runs **TASKLANE_CONCURRENCY=${r.imports.concurrency}** ` +
      "task at a time, so one worker runs the imports one after another and two run two at once. Figure: tasks / (last task's doneAt − first submit). " +
      `Workers are started fresh for every batch (for both counts alike), each first runs ${WARM_UP_IMPORTS} unmeasured warm-up imports of the same file (a worker's ` +
      "first imports also start its task thread, compile the pricing code and warm the JIT, bench/lib/warm-up-workers.ts), and they are stopped after the batch; an unmeasured " +
      "batch first creates the components and every supplier's offers, so each measured batch replaces the same rows. Rounds alternate which count " +
      "goes first. An import applies its rows as it reads them, in one transaction holding the lock of its supplier and kind only (a PostgreSQL " +
      "advisory lock), so two imports of these distinct suppliers may apply at once.",
    "",
    table(
      [
        "round",
        "order",
        "1 worker: tasks/s (s)",
        "2 workers: tasks/s (s)",
        "2 / 1",
        "mean task s, 1 / 2",
        "cores, 1 worker",
        "cores, 2 workers",
        "machine busy, 1 / 2",
      ],
      rounds.map((x, i) => [
        i + 1,
        x.order,
        `${fixed(x.one.tasksPerS, 2)} (${fixed(x.one.seconds, 2)})`,
        `${fixed(x.two.tasksPerS, 2)} (${fixed(x.two.seconds, 2)})`,
        fixed(x.ratio, 2),
        both((run) => fixed(run.meanTaskS, 3))(x),
        cores(x.one),
        cores(x.two),
        both((run) => percent(run.machineBusy))(x),
      ]),
    ),
    "",
    table(
      ["median (range) of the rounds", "1 worker", "2 workers", "2 / 1"],
      [
        [
          "tasks/s",
          spread(
            rounds.map((x) => x.one.tasksPerS),
            2,
          ),
          spread(
            rounds.map((x) => x.two.tasksPerS),
            2,
          ),
          spread(
            rounds.map((x) => x.ratio),
            2,
          ),
        ],
        [
          "mean seconds per task",
          spread(
            rounds.map((x) => x.one.meanTaskS),
            3,
          ),
          spread(
            rounds.map((x) => x.two.meanTaskS),
            3,
          ),
          "",
        ],
        ["machine busy", percent(median(rounds.map((x) => x.one.machineBusy))), percent(median(rounds.map((x) => x.two.machineBusy))), ""],
      ],
    ),
    ...drift(r),
  ].join("\n");
}

function polls(r: DistributedResult): string {
  const p = r.polls;
  const cpus = r.machine.cpus;
  const cores = (run: PollRun) =>
    [
      run.nodeCores.map((c) => fixed(c, 2)).join(" + "),
      ...[run.postgresCores, run.redisCores, run.generatorCores, restOfPolls(run, cpus)].map((c) => fixed(c, 2)),
    ].join(" · ");
  const failed = p.rounds.reduce((sum, x) => sum + x.one.failed + x.two.failed, 0);
  return [
    "### tasks.get: one API node or two",
    "",
    `A completed import polled with the request @tasklane/client's getTask sends (captured from the client), ${p.generators} autocannon processes of ` +
      `${p.connections / p.generators} connections each (${p.connections} in all), ${p.durationS} s measured together after a ${p.warmupS} s warm-up. One node: ` +
      "both generators poll node A. Two nodes: one polls A, the other B. The generators are the same both times; only where they send differs. " +
      "A node reads a finished task's row from PostgreSQL at its first poll and answers the later ones from memory (FinishedTasks; " +
      "a completed task's progress needs no Redis). Rounds alternate the order.",
    "",
    table(
      [
        "round",
        "order",
        "1 node: req/s",
        "2 nodes: req/s (A + B)",
        "2 / 1",
        "p99 ms, 1 / 2",
        "cores, 1 node",
        "cores, 2 nodes",
        "machine busy, 1 / 2",
        "failed",
      ],
      p.rounds.map((x, i) => [
        i + 1,
        x.order,
        x.one.rps.toLocaleString("en-US"),
        `${x.two.rps.toLocaleString("en-US")} (${x.two.perGenerator.map((n) => n.toLocaleString("en-US")).join(" + ")})`,
        fixed(x.ratio, 2),
        `${x.one.p99Ms} / ${x.two.p99Ms}`,
        cores(x.one),
        cores(x.two),
        `${percent(x.one.machineBusy)} / ${percent(x.two.machineBusy)}`,
        x.one.failed + x.two.failed,
      ]),
    ),
    "",
    table(
      ["median (range) of the rounds", "1 node", "2 nodes", "2 / 1"],
      [
        [
          "requests/s",
          spread(p.rounds.map((x) => x.one.rps)),
          spread(p.rounds.map((x) => x.two.rps)),
          spread(
            p.rounds.map((x) => x.ratio),
            2,
          ),
        ],
        ["p99 ms", spread(p.rounds.map((x) => x.one.p99Ms)), spread(p.rounds.map((x) => x.two.p99Ms)), ""],
        [
          "machine busy",
          percent(median(p.rounds.map((x) => x.one.machineBusy))),
          percent(median(p.rounds.map((x) => x.two.machineBusy))),
          "",
        ],
      ],
    ),
    "",
    `Errors, timeouts and non-2xx answers over all measurements: ${failed}.`,
  ].join("\n");
}

/** The "## Distributed backend" section of docs/benchmarks.md. */
export function distributedSection(r: DistributedResult, machineLine: string): string {
  return [
    "## Distributed backend",
    "",
    `Machine: ${machineLine}. Measured ${r.measuredAt}; ${r.redis.split(" ").slice(0, 3).join(" ")} (its own redis-server on 127.0.0.1), ` +
      "PostgreSQL at TASKLANE_TEST_DATABASE_URL (a fresh database, dropped after). " +
      "Command: `TASKLANE_TEST_DATABASE_URL=postgres://… pnpm bench` (alone: `BENCH_ONLY=distributed`; the script is " +
      "`pnpm --filter @tasklane/bench exec tsx distributed/distributed-bench.ts`). Everything is separate processes on 127.0.0.1, as " +
      "docs/deploy.md runs them: `node --import tsx apps/api/src/main.ts` for the API nodes, `apps/api/src/worker.ts` for the workers. " +
      "Cores are CPU seconds per second from /proc/<pid>/stat, listed as workers · node · PostgreSQL · Redis · rest for the imports and " +
      "node A + node B · PostgreSQL · Redis · autocannon · rest for the polls; PostgreSQL counts our database's backends and the server's own " +
      "processes (WAL writer, checkpointer; when it runs on this machine). Machine busy is /proc/stat over all cores; rest = machine busy × cores " +
      "− the processes listed: the benchmark process, the kernel and any other work on the machine.",
    "",
    imports(r),
    "",
    polls(r),
    "",
    limits(r),
  ].join("\n");
}

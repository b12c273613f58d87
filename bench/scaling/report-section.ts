import { WARM_UP_IMPORTS } from "../lib/warm-up-workers.ts";
import { fixed, percent, table } from "../distributed/report-format.ts";
import type { Machine } from "../lib/machine.ts";
import { median, spread } from "../lib/stats.ts";
import { medianCosts } from "./costs.ts";
import { totalCalls } from "./redis-commands.ts";
import type { ImportRun, PollRun, ScalingResult } from "./result.ts";
import { AIMS, scalingLimits } from "./report-limits.ts";

const perSecond = (seconds: number, wallS: number) => seconds / wallS;
/** Whether the median of the rounds' ratios reaches an aim. */
const verdict = (ratios: number[], aim: number) => (median(ratios) >= aim ? "reached" : "not reached");
const each = (values: number[]) => values.map((v) => fixed(v, 2)).join(" + ");

function shares(r: ScalingResult): string {
  const { nodes, workers } = r.shareCores;
  return (
    `**Shares.** Each API node and each worker process is a cgroup of its own (cgroup v1, /sys/fs/cgroup/cpu/tasklane-bench-<pid>-<process>) ` +
    `held to a fixed share, **${nodes} of a core for an API node and ${workers} for a worker**: cpu.cfs_quota_us ${Math.round(nodes * 100_000)} and ${Math.round(workers * 100_000)} per cpu.cfs_period_us 100000, and cpu.shares 8192 (8× a plain process's ` +
    "weight) so that other work on the machine cannot take the quota back. Three workers take " +
    `${fixed(3 * workers, 2)} and three nodes ${fixed(3 * nodes, 2)} of the machine's ${r.machine.cpus} cores, so that what runs outside the shares is not the limit: ` +
    "PostgreSQL spends about twice a worker's CPU per import row, and at 0.25 of a core three workers and the PostgreSQL they kept busy needed more " +
    "than both cores (the third worker measured the machine, not the design); a node at 0.1 left its connections queued for seconds. PostgreSQL (the server at TASKLANE_TEST_DATABASE_URL: when it runs on this machine, " +
    "its postmaster and every backend in a group of the same weight without a quota, so that other work cannot starve it either), our redis-server, the six load generators and this benchmark's own process (which submits the imports) " +
    "run outside the shares on the rest (the last three in one group of the same weight without a quota). A process starts at full speed and " +
    "joins its share once it is ready (cgroup.procs moves all its threads; start-up is not measured). Cores of a process: its cgroup's " +
    `cpuacct.usage over the measurement, CPU seconds per second, at most its share. Quota hit: the share of 100 ms periods in which the ` +
    "process used up its quota and waited (cpu.stat). PostgreSQL: our database's backends and the server's own processes, from /proc/<pid>/stat. " +
    "Machine busy: /proc/stat, all cores, whoever used them."
  );
}

function importRows(r: ScalingResult): (string | number)[][] {
  return r.imports.rounds.flatMap((round, i) =>
    round.order.map((workers) => {
      const run: ImportRun = round.runs[workers - 1]!;
      const s = run.spent;
      return [
        i + 1,
        workers,
        `${fixed(run.tasksPerS, 3)} (${fixed(run.seconds, 2)} s)`,
        workers === 1 ? "" : fixed(round.ratios[workers - 2]!, 2),
        `${fixed(run.busy.tasksPerS, 3)} (${run.busy.tasks} in ${fixed(run.busy.seconds, 2)} s)`,
        workers === 1 ? "" : fixed(round.busyRatios[workers - 2]!, 2),
        fixed(run.meanTaskS, 2),
        each(s.shareSeconds.slice(0, workers).map((v) => perSecond(v, s.wallS))),
        s.shareThrottled.slice(0, workers).map(percent).join(" + "),
        fixed(perSecond(s.shareSeconds[workers]!, s.wallS), 2),
        fixed(perSecond(s.postgresSeconds, s.wallS), 2),
        fixed(perSecond(s.redisSeconds, s.wallS), 2),
        `${percent(run.lock.heldS / run.seconds)} · ${percent(run.lock.overlapS / run.seconds)} (${fixed(run.lock.appliedS / r.imports.tasks, 2)} s)`,
        percent(s.machineBusy),
      ];
    }),
  );
}

function imports(r: ScalingResult): string {
  const i = r.imports;
  const ratios = (k: number) => i.rounds.map((x) => x.ratios[k]!);
  const busyRatios = (k: number) => i.rounds.map((x) => x.busyRatios[k]!);
  return [
    "### Imports: 1, 2 and 3 workers",
    "",
    `${i.tasks} stockImport tasks of one ${i.rows.toLocaleString("en-US")}-row stock CSV (uploaded once), each for a different supplier, submitted ` +
      `at once through node 1 with @tasklane/client; workers run TASKLANE_CONCURRENCY=${i.concurrency} and are started fresh for each batch, ` +
      `and each first runs ${WARM_UP_IMPORTS} unmeasured warm-up imports of the same file at full speed, before it joins its share (a worker's first imports ` +
      "also start its task thread, compile the pricing code and warm the JIT: cold, each added worker made the batch's imports dearer; " +
      "bench/lib/warm-up-workers.ts). " +
      "Figures: over the whole batch, tasks / (last task's doneAt − first submit); **while every worker had work**, the tasks done by the moment the queue ran dry " +
      "over the time from the first submit to it (the k-th doneAt for k = tasks − workers × concurrency: the worker that finished it took the last task, " +
      "so until then no worker lacked a task). The rest of a batch is its drain, in which workers go idle one by one because the batch ran out " +
      "(one worker never does): it measures the batch's size, not what a worker adds, so the aims are judged on the second figure, and the first is shown beside it. Node cores: node 1, which takes the submits and this benchmark's tasks.list reads " +
      "(it waits for the batch by listing finished tasks every 250 ms, which reads PostgreSQL only, so the Redis commands counted are the tasks' own). " +
      "An unmeasured batch first creates the components and every supplier's offers. " +
      "Each round measures every count, in an order that turns from round to round; ratios are within a round. Applying: an import applies each batch of rows " +
      "as it reads the next, in one transaction that holds **the lock of its supplier and kind only** from its first batch to its commit " +
      "(packages/pricing postgres-staging.ts), so the batch's imports, each for another supplier, may apply at once; sampled from pg_locks every " +
      "20 ms: the share of the batch in which at least one import held its lock · in which two or more did at once, and in brackets an import's " +
      "seconds under its lock.",
    "",
    table(
      [
        "round",
        "workers",
        "tasks/s (batch)",
        "÷ 1 worker",
        "tasks/s while every worker had work",
        "÷ 1 worker",
        "mean task s",
        "cores per worker",
        "quota hit",
        "node cores",
        "PostgreSQL cores",
        "Redis cores",
        "applying · at once (s each)",
        "machine busy",
      ],
      importRows(r),
    ),
    "",
    table(
      ["median (range) of the rounds", "2 workers ÷ 1", "3 workers ÷ 1"],
      [
        ["ratio while every worker had work", spread(busyRatios(0), 2), spread(busyRatios(1), 2)],
        ["ratio over the whole batch", spread(ratios(0), 2), spread(ratios(1), 2)],
        [
          "aim",
          `≥ ${AIMS[0]}: ${verdict(busyRatios(0), AIMS[0])} (whole batch: ${verdict(ratios(0), AIMS[0])})`,
          `≥ ${AIMS[1]}: ${verdict(busyRatios(1), AIMS[1])} (whole batch: ${verdict(ratios(1), AIMS[1])})`,
        ],
      ],
    ),
  ].join("\n");
}

function pollRows(r: ScalingResult): (string | number)[][] {
  return r.polls.rounds.flatMap((round, i) =>
    round.order.map((nodes) => {
      const run: PollRun = round.runs[nodes - 1]!;
      const s = run.spent;
      return [
        i + 1,
        nodes,
        run.rps.toLocaleString("en-US"),
        nodes === 1 ? "" : fixed(round.ratios[nodes - 2]!, 2),
        run.p99Ms,
        each(s.shareSeconds.slice(0, nodes).map((v) => perSecond(v, s.wallS))),
        s.shareThrottled.slice(0, nodes).map(percent).join(" + "),
        fixed(perSecond(s.postgresSeconds, s.wallS), 2),
        fixed(perSecond(s.redisSeconds, s.wallS), 2),
        fixed(run.generatorCores, 2),
        percent(s.machineBusy),
        run.failed,
      ];
    }),
  );
}

function polls(r: ScalingResult): string {
  const p = r.polls;
  const ratios = (k: number) => p.rounds.map((x) => x.ratios[k]!);
  const finished = p.rounds.map((x) => x.finished);
  return [
    "### tasks.get: 1, 2 and 3 API nodes",
    "",
    `The request @tasklane/client's getTask sends (captured from the client) for an import held running: its worker is stopped (SIGSTOP) once ` +
      "the task shows progress, so every poll reads the task's row from PostgreSQL, and its progress from the node's memory of the queue's event stream " +
      "(packages/server progress-events.ts; a node that missed the report reads it from Redis), as a poll of a task in progress does. " +
      `${p.generators} autocannon processes of ${p.connections / p.generators} connections each (${p.connections} in all), outside the shares, ` +
      `${p.durationS} s measured together after a ${p.warmupS} s warm-up; generator g polls node g mod n, so each node gets an equal part of the ` +
      "same generators. One unmeasured measurement through three nodes comes first. Rounds turn the order.",
    "",
    table(
      [
        "round",
        "nodes",
        "req/s",
        "÷ 1 node",
        "p99 ms",
        "cores per node",
        "quota hit",
        "PostgreSQL cores",
        "Redis cores",
        "generator cores",
        "machine busy",
        "failed",
      ],
      pollRows(r),
    ),
    "",
    table(
      ["median (range) of the rounds", "2 nodes ÷ 1", "3 nodes ÷ 1"],
      [
        ["ratio", spread(ratios(0), 2), spread(ratios(1), 2)],
        ["aim", `≥ ${AIMS[0]}: ${verdict(ratios(0), AIMS[0])}`, `≥ ${AIMS[1]}: ${verdict(ratios(1), AIMS[1])}`],
      ],
    ),
    "",
    `A finished task through one node, once a round (answered from the node's memory, FinishedTasks): ${spread(finished.map((f) => f.rps))} req/s, ` +
      `node cores ${spread(
        finished.map((f) => perSecond(f.spent.shareSeconds[0]!, f.spent.wallS)),
        2,
      )}, PostgreSQL cores ` +
      `${spread(
        finished.map((f) => perSecond(f.spent.postgresSeconds, f.spent.wallS)),
        2,
      )}, Redis commands ${finished.map((f) => totalCalls(f.spent.redisCommands)).join(", ")}.`,
    "",
    `Errors, timeouts and non-2xx answers over all measurements: ${p.rounds.reduce((n, x) => n + x.finished.failed + x.runs.reduce((m, run) => m + run.failed, 0), 0)}.`,
  ].join("\n");
}

function costs(r: ScalingResult): string {
  const c = medianCosts(r);
  const row = (label: string, values: number[], digits: number) => [label, ...values.map((v) => fixed(v, digits))];
  return [
    "### What each operation costs",
    "",
    "Median of the rounds, at each process count (a cost that grows with the count is contention, not work). CPU is what the process or engine " +
      "used over the measurement divided by the operations in it. Redis commands are INFO commandstats over the measurement (commands run by " +
      "BullMQ's Lua scripts count under their own names as well as the EVALSHA). docs/scaling.md turns these into a deployment.",
    "",
    table(
      ["cost", "1 process", "2 processes", "3 processes"],
      [
        row(
          "worker CPU µs per import row",
          c.imports.map((x) => x.workerUsPerRow),
          1,
        ),
        row(
          "PostgreSQL CPU µs per import row",
          c.imports.map((x) => x.postgresUsPerRow),
          1,
        ),
        row(
          "import under its supplier's lock (reading and applying), s",
          c.imports.map((x) => x.applySPerImport),
          3,
        ),
        row(
          "Redis commands per import",
          c.imports.map((x) => x.redisCommandsPerImport),
          1,
        ),
        row(
          "API node CPU µs per poll, running task",
          c.polls.map((x) => x.nodeUsPerPoll),
          0,
        ),
        row(
          "PostgreSQL CPU µs per poll, running task",
          c.polls.map((x) => x.postgresUsPerPoll),
          0,
        ),
        row(
          "Redis CPU µs per poll, running task",
          c.polls.map((x) => x.redisUsPerPoll),
          1,
        ),
        row(
          "Redis commands per poll, running task",
          c.polls.map((x) => x.redisCommandsPerPoll),
          2,
        ),
        row(
          "load generator CPU µs per poll",
          c.polls.map((x) => x.generatorUsPerPoll),
          0,
        ),
        ["API node CPU µs per poll, finished task (one node)", fixed(c.finished.nodeUsPerPoll, 0), "", ""],
        ["PostgreSQL CPU µs per poll, finished task (one node)", fixed(c.finished.postgresUsPerPoll, 1), "", ""],
      ],
    ),
  ].join("\n");
}

/** The "## Scaling on fixed CPU shares" section of docs/benchmarks.md. */
export function scalingSection(r: ScalingResult, machineLine: (m: Machine) => string): string {
  return [
    "## Scaling on fixed CPU shares",
    "",
    `Machine: ${machineLine(r.machine)}. **Load average when it started: ${r.loadAverageAtStart}** (1, 5 and 15 minutes: other work on the ` +
      `machine). Measured ${r.measuredAt}; ${r.redis.split(" ").slice(0, 3).join(" ")} (its own redis-server on 127.0.0.1), PostgreSQL at ` +
      "TASKLANE_TEST_DATABASE_URL (a fresh database, dropped after). Command: `TASKLANE_TEST_DATABASE_URL=postgres://… pnpm bench` as root " +
      "(alone: `BENCH_ONLY=scaling`; the script is `pnpm --filter @tasklane/bench exec tsx scaling/scaling-bench.ts`); everything on 127.0.0.1, " +
      "the processes as docs/deploy.md runs them (apps/api/src/main.ts, apps/api/src/worker.ts).",
    "",
    shares(r),
    "",
    imports(r),
    "",
    polls(r),
    "",
    costs(r),
    "",
    scalingLimits(r),
  ].join("\n");
}

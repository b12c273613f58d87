import type { Machine } from "../lib/machine.ts";
import type { Measurement } from "../poll/poll-bench.ts";
import { distributedSection } from "../distributed/report-section.ts";
import type { DistributedResult } from "../distributed/result.ts";
import { pollDuringImportSection } from "../poll-during-import/report-section.ts";
import type { PollDuringImportResult } from "../poll-during-import/result.ts";
import { median, spread } from "../lib/stats.ts";
import { cliStartSection } from "../cli-start/report-section.ts";
import type { CliStartResult } from "../cli-start/result.ts";
import { scalingSection } from "../scaling/report-section.ts";
import type { ScalingResult } from "../scaling/result.ts";

interface PollResult {
  machine: Machine;
  connections: number;
  durationS: number;
  rounds: number;
  targets: { key: string; label: string; url: string }[];
  figures: Record<string, Measurement>[];
  ratios: Record<string, number[]>;
}
interface SubmitResult {
  machine: Machine;
  runs: number;
  http: { tasks: number; inFlight: number; submitsPerS: number; completedPerS: number }[];
  manager: { tasks: number; tasksPerS: number; usPerTask: number; cpuUsPerTask: number }[];
}
interface PollTaskResult {
  machine: Machine;
  runs: number;
  pollIntervalMs: number;
  results: { taskSeconds: number; requests: number; maxRequests: number; seenAfterDoneMs: number }[];
}
interface LoadStep {
  clients: number;
  targetRps: number;
  rps: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  serverRssMb: number;
  serverCores: number;
  generatorCores: number;
  held: boolean;
}
interface LoadResult {
  machine: Machine;
  durationS: number;
  sockets: number;
  steps: LoadStep[];
  highestHeld: number;
}

export interface Report {
  results: {
    poll?: unknown;
    submit?: unknown;
    pollTask?: unknown;
    load?: unknown;
    distributed?: unknown;
    pollDuringImport?: unknown;
    cliStart?: unknown;
    scaling?: unknown;
  };
  pricing: { command: string; output: string } | { command: string; failed: string } | null;
  /** Benchmarks that gave no figures, named in the file rather than left out silently. */
  failed: string[];
  /** BENCH_ONLY's names, or null for a full run: the sections of the benchmarks it leaves out are kept from `previous`. */
  only: string[] | null;
  /** The file as it was, for the sections this run did not measure. */
  previous: string;
}

const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
const table = (head: string[], rows: (string | number)[][]) => [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");

function machineLine(m: Machine): string {
  return `${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}; load average at the end ${m.loadAverage}`;
}

function poll(r: PollResult): string {
  const completed = r.ratios["fast path completed / plain Fastify"];
  const of = (key: string, pick: (m: Measurement) => number, digits = 0) =>
    spread(
      r.figures.map((f) => pick(f[key]!)),
      digits,
    );
  return [
    "## Poll: tasks.get",
    "",
    `Command: \`pnpm --filter @tasklane/bench exec tsx poll/poll-bench.ts\` (part of \`pnpm bench\`). autocannon, ${r.connections} connections, ` +
      `${r.durationS} s per target after a 1 s warm-up, ${r.rounds} rounds; each round measures every target in turn, each server in its own process, ` +
      "the load generator in another. CPU per request is the server process's user + system time from /proc/<pid>/stat over the run, divided by the answers. " +
      "The service is apps/api's setup with tokens (bench/poll/service-main.ts); its requests are the ones @tasklane/client (httpBatchLink, batch of one) and " +
      "@trpc/client's httpLink send, captured from the clients. The running task is held in memory; the completed one is read from SQLite at its first poll and then answered from " +
      "the service's memory of finished tasks (FinishedTasks: a finished task never changes until retention removes it).",
    "",
    "Each figure: median (range) of the rounds.",
    "",
    table(
      ["target", "requests/s", "p50 ms", "p99 ms", "CPU µs/request", "failed"],
      r.targets.map((t) => [
        t.label,
        of(t.key, (m) => m.rps),
        of(t.key, (m) => m.p50Ms, 1),
        of(t.key, (m) => m.p99Ms, 1),
        of(t.key, (m) => m.cpuUsPerRequest, 1),
        r.figures.reduce((sum, f) => sum + f[t.key]!.failed, 0),
      ]),
    ),
    "",
    "Ratios of requests/s, each taken within one round (side by side), median (range):",
    "",
    table(
      ["ratio", "median (range)", "per round"],
      Object.entries(r.ratios).map(([name, values]) => [name, spread(values, 2), values.join(", ")]),
    ),
    "",
    `Goal: the client's requests at ≥ 0.8 of the plain Fastify route, p99 < 10 ms at ${r.connections} connections — ` +
      `batched ${median(r.ratios["fast path batched / plain Fastify"]!).toFixed(2)}, single ${median(r.ratios["fast path single / plain Fastify"]!).toFixed(2)}, ` +
      `p99 ${of("fastBatched", (m) => m.p99Ms, 1)} / ${of("fastSingle", (m) => m.p99Ms, 1)} ms. ` +
      `A completed task at ≥ 0.9 of the plain Fastify route: ${completed === undefined ? "not measured" : median(completed).toFixed(2)}.`,
    "",
    "URLs polled:",
    "",
    ...r.targets.map((t) => `- ${t.key}: \`${t.url}\``),
  ].join("\n");
}

function submit(r: SubmitResult): string {
  const h = r.http[0]!;
  const m = r.manager[0]!;
  return [
    "## Submit",
    "",
    "Command: `pnpm --filter @tasklane/bench exec tsx submit/submit-bench.ts`. " +
      `Through HTTP: ${h.tasks} recalculations of an empty price table (the cheapest task type) through the real API process (apps/api, SQLite, ` +
      `concurrency 2), each from another caller (the service folds a caller's second recalculation into the first), ${h.inFlight} submits open at once; ` +
      `completed/s counts from the first submit to the last task's doneAt. Without HTTP: ${m.tasks} tasks through TaskManager over MemoryTaskStore ` +
      "with a handler that returns at once, from submit until the last has finished. Median (range) of " +
      `${r.runs} runs.`,
    "",
    table(
      ["measure", "median (range)"],
      [
        ["HTTP: submits answered /s", spread(r.http.map((x) => x.submitsPerS))],
        ["HTTP: tasks submitted and completed /s", spread(r.http.map((x) => x.completedPerS))],
        ["manager alone: tasks /s", spread(r.manager.map((x) => x.tasksPerS))],
        [
          "manager alone: wall µs per task",
          spread(
            r.manager.map((x) => x.usPerTask),
            1,
          ),
        ],
        [
          "manager alone: CPU µs per task",
          spread(
            r.manager.map((x) => x.cpuUsPerTask),
            1,
          ),
        ],
      ],
    ),
  ].join("\n");
}

function pollTask(r: PollTaskResult): string {
  const seconds = [...new Set(r.results.map((x) => x.taskSeconds))];
  return [
    "## pollTask",
    "",
    "Command: `pnpm --filter @tasklane/bench exec tsx poll-task/poll-task-bench.ts`. A task whose handler waits on a timer for T seconds " +
      "(a timer on purpose: what is measured is the client's cadence), polled with client.pollTask against the embedded service in the same process " +
      `(one clock for doneAt and the client). ${r.runs} runs each.`,
    "",
    table(
      ["T", "requests sent, median (range)", "allowed (T/0.5 + 1)", "seen after doneAt, ms", "allowed"],
      seconds.map((t) => {
        const runs = r.results.filter((x) => x.taskSeconds === t);
        return [
          `${t} s`,
          spread(runs.map((x) => x.requests)),
          runs[0]!.maxRequests,
          spread(runs.map((x) => x.seenAfterDoneMs)),
          `${r.pollIntervalMs} ms + one request`,
        ];
      }),
    ),
  ].join("\n");
}

function load(r: LoadResult): string {
  return [
    "## Clients one process holds",
    "",
    "Command: `pnpm --filter @tasklane/bench exec tsx load/poll-20k.ts`. Simulated clients each poll a running task every 500 ms, one request at a time " +
      `(the request @tasklane/client sends, over ${r.sockets} shared keep-alive connections), ${r.durationS} s per step after 2 s of start-up. ` +
      "A step holds when no request failed, p99 < 500 ms and the rate reached 95% of 2 requests/s per client. Cores: CPU seconds per second of the " +
      "server process and of the generator (one JS thread each, so about 1.0 is a saturated process).",
    "",
    table(
      [
        "clients",
        "target req/s",
        "achieved req/s",
        "failed",
        "p50 ms",
        "p99 ms",
        "server RSS MB",
        "server cores",
        "generator cores",
        "held",
      ],
      r.steps.map((s) => [
        s.clients,
        s.targetRps,
        s.rps,
        s.failed,
        s.p50Ms,
        s.p99Ms,
        s.serverRssMb,
        s.serverCores,
        s.generatorCores,
        s.held ? "yes" : "no",
      ]),
    ),
    "",
    `Highest count held with no failed request: ${r.highestHeld.toLocaleString("en-US")} clients.`,
  ].join("\n");
}

/** A "## <title>" section of the file as it was (up to the next "## " or the end), or null. */
function previousSection(previous: string, title: string): string | null {
  const heading = title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`^## ${heading}\\n[\\s\\S]*?(?=^## |(?![\\s\\S]))`, "m").exec(previous);
  return match ? match[0].trimEnd() : null;
}

function pricing(report: Report): string | null {
  const p = report.pricing;
  if (p && "output" in p) {
    return [
      "## Pricing",
      "",
      `Command: \`${p.command}\` (packages/pricing/bench/pricing-bench.ts), as it printed:`,
      "",
      "```",
      p.output,
      "```",
    ].join("\n");
  }
  return previousSection(report.previous, "Pricing") ?? (p ? `## Pricing\n\n\`${p.command}\` failed (${p.failed}); no figures.` : null);
}

/** Each benchmark's section: its heading (as the file has it) and how to write it from its figures. */
const sections = {
  poll: { title: "Poll: tasks.get", render: (r: unknown) => poll(r as PollResult) },
  submit: { title: "Submit", render: (r: unknown) => submit(r as SubmitResult) },
  pollTask: { title: "pollTask", render: (r: unknown) => pollTask(r as PollTaskResult) },
  load: { title: "Clients one process holds", render: (r: unknown) => load(r as LoadResult) },
  distributed: {
    title: "Distributed backend",
    render: (r: unknown) => distributedSection(r as DistributedResult, machineLine((r as DistributedResult).machine)),
  },
  pollDuringImport: {
    title: "Polls during an import",
    render: (r: unknown) => pollDuringImportSection(r as PollDuringImportResult, machineLine),
  },
  cliStart: { title: "CLI start", render: (r: unknown) => cliStartSection(r as CliStartResult, machineLine) },
  scaling: { title: "Scaling on fixed CPU shares", render: (r: unknown) => scalingSection(r as ScalingResult, machineLine) },
} as const;
type Name = keyof typeof sections;
/** The benchmarks the header's machine line describes; the distributed section names its own machine and time. */
const sharedMachine: Name[] = ["poll", "submit", "pollTask", "load"];

/**
 * A section from this run's figures; else, for a benchmark BENCH_ONLY left out, the section as the
 * file had it. A benchmark that ran and gave nothing (failed, or skipped itself) has no section.
 */
function section(report: Report, name: Name): string | null {
  const figures = report.results[name];
  if (figures) return sections[name].render(figures);
  return report.only && !report.only.includes(name) ? previousSection(report.previous, sections[name].title) : null;
}

function header(report: Report): string {
  const only = report.only;
  const first = sharedMachine.map((name) => report.results[name]).find(Boolean) as { machine: Machine } | undefined;
  const kept = only ? sharedMachine.filter((name) => !only.includes(name) && previousSection(report.previous, sections[name].title)) : [];
  const command = only ? `BENCH_ONLY=${only.join(",")} pnpm bench` : "pnpm bench";
  // When this run measured none of them, the kept sections are still described by the line the file had.
  const machine = first
    ? `Machine: ${machineLine(first.machine)}. Command: \`${command}\` at ${new Date().toISOString()}.`
    : only
      ? (/^Machine: .*$/m.exec(report.previous)?.[0] ?? null)
      : null;
  return [
    "# Benchmarks",
    "",
    "Written by `pnpm bench` (bench/run-all.ts), which runs every benchmark below and rewrites this file; do not edit it by hand. " +
      "Figures are medians with the range of the runs in brackets. The machine is shared with other work, so absolute figures are noisy; " +
      "comparisons are ratios measured side by side within one run.",
    ...(report.failed.length ? ["", `**No figures this run from:** ${report.failed.join(", ")}.`] : []),
    ...(machine ? ["", machine] : []),
    ...(first && kept.length
      ? ["", `Kept from an earlier run (not in BENCH_ONLY): ${kept.map((name) => sections[name].title).join(", ")}.`]
      : []),
  ].join("\n");
}

export function renderBenchmarks(report: Report): string {
  const parts = [header(report), ...(Object.keys(sections) as Name[]).map((name) => section(report, name)), pricing(report)];
  return `${parts.filter((s) => s !== null).join("\n\n")}\n`;
}

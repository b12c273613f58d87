import type { Machine } from "../lib/machine.ts";
import type { Latency, PhaseRun, PollDuringImportResult } from "./result.ts";

/** The aim the section measures against: an import must not be felt by the callers polling. */
export const AIM = { p99Ms: 50, maxMs: 200 } as const;

const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
const table = (head: string[], rows: (string | number)[][]) => [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");
const count = (n: number) => n.toLocaleString("en-US");
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");

const PHASES: Record<PhaseRun["phase"], string> = {
  idle: "nothing running",
  xlsx: "during the .xlsx import",
  csv: "during the CSV import",
};

function meets(l: Latency): boolean {
  return l.failed === 0 && l.p99Ms < AIM.p99Ms && l.maxMs < AIM.maxMs;
}

function verdict(r: PollDuringImportResult): string {
  const during = r.backends.flatMap((b) => b.phases.filter((p) => p.phase !== "idle").map((p) => ({ backend: b.backend, p })));
  const missed = during.filter(({ p }) => !meets(p.taskGet) || !meets(p.health));
  if (during.length === 0) return "No import was measured.";
  if (missed.length === 0) return "Met by every import measured, on every backend run.";
  return `Missed ${missed.length} of ${during.length} times: ${missed
    .map(
      ({ backend, p }) =>
        `${backend} ${p.phase} (tasks.get p99 ${ms(p.taskGet.p99Ms)}, max ${ms(p.taskGet.maxMs)} ms; /health p99 ${ms(p.health.p99Ms)}, max ${ms(p.health.maxMs)} ms)`,
    )
    .join("; ")}.`;
}

export function pollDuringImportSection(r: PollDuringImportResult, machineLine: (m: Machine) => string): string {
  const rows = r.backends.flatMap((b) =>
    b.phases.flatMap((p) =>
      (["taskGet", "health"] as const).map((target) => {
        const l = p[target];
        return [
          b.backend,
          PHASES[p.phase],
          target === "taskGet" ? "tasks.get" : "GET /health",
          count(l.reads),
          l.failed ? `**${l.failed}** (${l.firstError})` : 0,
          ms(l.p50Ms),
          ms(l.p99Ms),
          ms(l.maxMs),
          count(l.over200Ms),
          p.phase === "idle" ? "" : meets(l) ? "yes" : "**no**",
        ];
      }),
    ),
  );
  const imports = r.backends.flatMap((b) =>
    b.phases.map((p) => [
      b.backend,
      PHASES[p.phase],
      `${p.seconds} s`,
      p.outcome ?? "",
      p.apiCores.toFixed(2),
      `${Math.round(p.machineBusy * 100)}%`,
      ms(p.generatorLoopMaxMs),
      p.apiPeakRssMb.toFixed(0),
    ]),
  );
  return [
    "## Polls during an import",
    "",
    `Machine: ${machineLine(r.machine)}; run at ${r.at}. Command: \`pnpm --filter @tasklane/bench run poll-during-import\` (bench/poll-during-import/run.ts; ` +
      "part of `pnpm bench`). Other work shared the two cores during the run, so a single stall can come from a neighbour as well as from the import.",
    "",
    `${r.pollers} callers, each reading its task with \`tasks.get\` (the request @tasklane/client sends) and \`GET /health\` every ${r.intervalMs} ms, ` +
      "counted from the previous read's start and one read at a time per target, as `pollTask` does (so a stalled answer delays that caller's next read " +
      "rather than piling requests up); each target over its own keep-alive connection, opened before measuring. The callers run in a separate process " +
      "(node:http), so the load generator never shares the event loop it measures. A latency is from the request's start to the end of its answer.",
    "",
    `Measured: ${r.idleSeconds} s with nothing running (a completed task polled), then from the submit of a ${count(r.rows)}-row stock import ` +
      `until it ended — an .xlsx of ${r.fileMb.xlsx} MB (shared strings, as Excel writes it) and a CSV of ${r.fileMb.csv} MB, the same offers — ` +
      "the callers polling the import's own task. Uploads happen before and are not measured. Embedded: one API process on SQLite, which runs the import. " +
      "Distributed: one API node (polled) and one worker process (running the import) over a redis-server of the benchmark's own and a fresh PostgreSQL database.",
    ...(r.skipped.length ? ["", `Not measured: ${r.skipped.join("; ")}.`] : []),
    "",
    `Aim: during an import, p99 under ${AIM.p99Ms} ms and max under ${AIM.maxMs} ms, no failed read. ${verdict(r)}`,
    "",
    table(["backend", "when", "read", "reads", "failed", "p50 ms", "p99 ms", "max ms", "over 200 ms", "aim met"], rows),
    "",
    "What else was going on: the API process's CPU in cores (all its threads), how busy the machine's cores were whoever used them (the " +
      "benchmark's own processes, PostgreSQL and Redis, and neighbours), and the load generator's own longest event-loop stall (above a few ms, " +
      "the generator rather than the service added that much to some reads).",
    "",
    table(
      ["backend", "when", "lasted", "import", "API process cores", "machine busy", "generator stall max ms", "API process peak RSS MB"],
      imports,
    ),
  ].join("\n");
}

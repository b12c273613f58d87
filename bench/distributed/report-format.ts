import type { ImportRun, PollRun } from "./result.ts";

// Formatting shared by the distributed section's tables (report-section.ts) and its closing paragraph (report-limits.ts).

const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
export const table = (head: string[], rows: (string | number)[][]) => [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");
export const fixed = (n: number, digits: number) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Cores busy on everything not measured by pid: the benchmark process itself, the kernel, other work on the machine. */
export const restOfImports = (run: ImportRun, cpus: number) =>
  run.machineBusy * cpus - run.workerCores - run.nodeCores - run.postgresCores - run.redisCores;
export const restOfPolls = (run: PollRun, cpus: number) =>
  run.machineBusy * cpus - run.nodeCores.reduce((a, b) => a + b, 0) - run.generatorCores - run.postgresCores - run.redisCores;

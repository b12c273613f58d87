/**
 * `pnpm bench`: runs every benchmark, one after another (each in its own process, so none warms or
 * burdens another), and writes docs/benchmarks.md from their figures. The pricing benchmark belongs
 * to @tasklane/pricing: it runs through its package script and its report is embedded as printed.
 *
 *   pnpm bench                       # everything, about 30 minutes on 2 cores
 *   BENCH_ONLY=poll,submit pnpm bench  # some of them; the others' sections stay as the file had them
 *
 * The distributed benchmark needs PostgreSQL (TASKLANE_TEST_DATABASE_URL, see README); without it
 * it says so and exits 0 with no figures, and its section is left out rather than counted as failed.
 * pollDuringImport measures its distributed half on the same database, and says it left it out without one.
 * The scaling benchmark needs the same database and root (it makes cgroups to hold each process to a CPU
 * share); without either it says so and is left out the same way.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { renderBenchmarks } from "./report/render.ts";

const root = path.resolve(import.meta.dirname, "..");
const docFile = path.join(root, "docs/benchmarks.md");
const only = process.env.BENCH_ONLY?.split(",");
const scripts = {
  poll: "poll/poll-bench.ts",
  submit: "submit/submit-bench.ts",
  pollTask: "poll-task/poll-task-bench.ts",
  load: "load/poll-20k.ts",
  distributed: "distributed/distributed-bench.ts",
  pollDuringImport: "poll-during-import/run.ts",
  cliStart: "cli-start/cli-start-bench.ts",
  scaling: "scaling/scaling-bench.ts",
} as const;

const tmp = await mkdtemp(path.join(os.tmpdir(), "tasklane-bench-results-"));
const results: Partial<Record<keyof typeof scripts, unknown>> = {};
const failed: string[] = [];
const skipped: string[] = [];
for (const [name, script] of Object.entries(scripts) as [keyof typeof scripts, string][]) {
  if (only && !only.includes(name)) continue;
  const file = path.join(tmp, `${name}.json`);
  console.error(`\n== ${name}: tsx ${script}`);
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, script)], {
    env: { ...process.env, RESULT_FILE: file },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // A benchmark that wrote its figures and then failed still counts; one without figures is named as missing,
  // unless it exited 0: then it skipped itself (it printed why: an engine it needs is not configured).
  const figures = await readFile(file, "utf8").catch(() => null);
  if (run.status !== 0) console.error(`${script} exited with ${run.status ?? run.signal}`);
  if (figures) results[name] = JSON.parse(figures);
  else if (run.status === 0) skipped.push(name);
  else failed.push(`${script} (${run.status ?? run.signal})`);
}
await rm(tmp, { recursive: true, force: true });

/** The pricing report as its benchmark printed it, or null when it has no bench script yet. */
async function pricing(): Promise<{ command: string; output: string } | { command: string; failed: string } | null> {
  const pkg = JSON.parse(await readFile(path.join(root, "packages/pricing/package.json"), "utf8")) as { scripts?: Record<string, string> };
  if (!pkg.scripts?.bench) return null;
  const command = "pnpm --filter @tasklane/pricing bench";
  console.error(`\n== pricing: ${command}`);
  const run = spawnSync("pnpm", ["--filter", "@tasklane/pricing", "bench"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (run.status !== 0) return { command, failed: `exit ${run.status ?? run.signal}` };
  // pnpm prints its own "> @tasklane/pricing bench ..." banner first.
  return { command, output: run.stdout.replace(/^\s*>.*\n(?:\s*\n)*/gm, "").trim() };
}

const previous = await readFile(docFile, "utf8").catch(() => "");
const markdown = renderBenchmarks({
  results,
  failed,
  only: only ?? null,
  pricing: only && !only.includes("pricing") ? null : await pricing(),
  previous,
});
await writeFile(docFile, markdown);
console.error(`\nwrote ${path.relative(root, docFile)}`);
if (skipped.length) console.error(`skipped (no figures, section left out): ${skipped.join(", ")}`);
if (failed.length) {
  console.error(`no figures from: ${failed.join(", ")}`);
  process.exitCode = 1;
}

import { median, spread } from "../lib/stats.ts";
import type { Machine } from "../lib/machine.ts";
import type { CliStartResult } from "./result.ts";

const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;

/** docs/benchmarks.md's "CLI start" section. */
export function cliStartSection(r: CliStartResult, machineLine: (m: Machine) => string): string {
  const floor = r.commands.find((c) => c.key === "node")!.ms;
  // Per round, so that a busy moment weighs on a command and on the floor alike.
  const over = (ms: number[]) => median(ms.map((m, i) => m - floor[i]!)).toFixed(0);
  return [
    "## CLI start",
    "",
    "Command: `pnpm --filter @tasklane/bench exec tsx cli-start/cli-start-bench.ts`. Wall time of each command as a fresh process (the built " +
      `apps/cli/dist/main.js), ${r.runs} rounds, each running every command once in turn, with \`node -e 0\` in the same rounds as the floor. ` +
      `Machine: ${machineLine(r.machine)}.`,
    "",
    row(["command", "ms, median (range)", "over node -e 0, median of rounds"]),
    row(["---", "---", "---"]),
    ...r.commands.map((c) => row([c.label, spread(c.ms), c.key === "node" ? "—" : over(c.ms)])),
  ].join("\n");
}

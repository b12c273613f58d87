import type { Machine } from "../lib/machine.ts";

/** What cli-start-bench.ts writes: per command, the wall time of each run, in ms. */
export interface CliStartResult {
  machine: Machine;
  runs: number;
  commands: { key: string; label: string; ms: number[] }[];
}

import type { Machine } from "../lib/machine.ts";

/** One target's latencies over one measurement, as the pollers saw them. */
export interface Latency {
  reads: number;
  failed: number;
  firstError: string | null;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  over200Ms: number;
}

export type Phase = "idle" | "xlsx" | "csv";

export interface PhaseRun {
  phase: Phase;
  /** How long the measurement lasted: the idle window, or the import from submit to its end. */
  seconds: number;
  /** The import's end: completed with its row count, or why not. */
  outcome: string | null;
  taskGet: Latency;
  health: Latency;
  /** The API process's largest resident memory seen during the phase, in MB. */
  apiPeakRssMb: number;
  /** CPU the API process used (all its threads), in cores: CPU seconds per second. */
  apiCores: number;
  /** Share of the machine's cores busy, whoever used them (neighbours too). */
  machineBusy: number;
  /** The load generator's own longest event-loop stall, ms. */
  generatorLoopMaxMs: number;
}

export interface BackendRun {
  backend: "embedded" | "distributed";
  phases: PhaseRun[];
}

export interface PollDuringImportResult {
  machine: Machine;
  at: string;
  rows: number;
  pollers: number;
  intervalMs: number;
  idleSeconds: number;
  fileMb: { xlsx: number; csv: number };
  backends: BackendRun[];
  /** Why a backend is missing (no PostgreSQL configured), when one is. */
  skipped: string[];
}

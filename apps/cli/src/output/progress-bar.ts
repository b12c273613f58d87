import { type Task, taskMessageIn } from "@tasklane/client";
import { language } from "../i18n/i18n.ts";

/** What a progress line shows of a task. */
export type ProgressState = Pick<Task, "status" | "progress" | "message"> & Partial<Pick<Task, "messageText">>;

const FILLED = "#";
const EMPTY = "-";
const MAX_BAR = 20;
const MIN_BAR = 10;

/** The words after the percentage: the task's own message, or its status before it has one. */
export function progressLabel(state: ProgressState): string {
  return taskMessageIn(state, language()).trim() || state.status;
}

/**
 * One terminal line: `[#########-----------]  45%  Reading rows: 40,000`, cut to `columns - 1`
 * so the terminal never wraps it (a wrapped line can no longer be redrawn with \r).
 */
export function renderBar(state: ProgressState, columns: number): string {
  const width = Math.max(MIN_BAR, Math.min(MAX_BAR, columns - 40));
  const percent = Math.max(0, Math.min(100, Math.round(state.progress)));
  const filled = Math.floor((percent / 100) * width);
  const bar = `[${FILLED.repeat(filled)}${EMPTY.repeat(width - filled)}]`;
  const line = `${bar} ${String(percent).padStart(3)}%  ${progressLabel(state)}`;
  return line.length < columns ? line : line.slice(0, Math.max(0, columns - 1));
}

/** Moves to the line's start and clears it, so the next draw replaces the previous one. */
export const CLEAR_LINE = "\r\x1b[2K";

import type { Task } from "@tasklane/client";
import { CLEAR_LINE, type ProgressState, progressLabel, renderBar } from "./progress-bar.ts";

/** Shows a waited-for task's progress to the person watching (on stderr). */
export interface ProgressView {
  show(task: Task): void;
  /** Leaves the last state visible and ends its line before anything else is printed. */
  end(): void;
}

/** The redrawn bar on a terminal; plain lines for logs, pipes and CI. */
export function progressView(stream: NodeJS.WriteStream = process.stderr): ProgressView {
  return stream.isTTY ? barView(stream) : lineView(stream);
}

function barView(stream: NodeJS.WriteStream): ProgressView {
  let drawn = false;
  return {
    show(task) {
      // Read on each draw: the terminal may have been resized since the last one.
      stream.write(CLEAR_LINE + renderBar(task, stream.columns || 80));
      drawn = true;
    },
    end() {
      if (drawn) stream.write("\n");
      drawn = false;
    },
  };
}

/** `running 45% Reading rows: 40,000`, one line per change: polls that change nothing print nothing. */
export function plainLine(state: ProgressState): string {
  return `${state.status} ${Math.round(state.progress)}% ${progressLabel(state)}`;
}

function lineView(stream: NodeJS.WriteStream): ProgressView {
  let last = "";
  return {
    show(task) {
      const line = plainLine(task);
      if (line !== last) stream.write(`${line}\n`);
      last = line;
    },
    end() {},
  };
}

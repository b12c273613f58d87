import type { Task } from "@tasklane/contract";
import { subjectLine } from "../task-summary.ts";

/** What a task worked on, under its title (nothing for a recalculation). */
export function TaskSubject({ task }: { task: Task }) {
  const line = subjectLine(task);
  return line === null ? null : <span className="task-subject">{line}</span>;
}

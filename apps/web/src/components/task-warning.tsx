import type { Task } from "@tasklane/contract";
import { useTranslation } from "react-i18next";
import { importWarning } from "../task-summary.ts";

/** What a finished task warns a person of (an import that left the supplier with far fewer rows), or nothing. */
export function TaskWarning({ task }: { task: Task }) {
  const { t } = useTranslation();
  const warning = importWarning(task);
  if (!warning) return null;
  return (
    <p className="task-warning">
      <span aria-hidden="true">⚠ </span>
      <strong>{t("tasks.warning")}</strong> {warning}
    </p>
  );
}

import { TASK_STATUSES, TASK_TYPES, type TaskStatus, type TaskType } from "@tasklane/contract";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc.ts";
import { statusLabel, taskTitle } from "../task-summary.ts";

/** What tasks.list can narrow the history to; absent means any. */
export interface TaskFilter {
  type?: TaskType;
  status?: TaskStatus;
  supplier?: string;
}

interface TaskFiltersProps {
  value: TaskFilter;
  onChange: (filter: TaskFilter) => void;
}

// The empty option is "any": its value maps back to an absent filter, never to a string the API refuses.
const pick = <T extends string>(choices: readonly T[], value: string): T | undefined => choices.find((choice) => choice === value);

export function TaskFilters({ value, onChange }: TaskFiltersProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  // The names imports were made under: every supplier and competitor with rows or a saved mapping.
  const suppliers = useQuery(trpc.suppliers.list.queryOptions({}));
  const names = [...new Set((suppliers.data?.items ?? []).map((s) => s.name))].sort((a, b) => a.localeCompare(b));
  return (
    <div className="task-filters">
      <div className="field">
        <label htmlFor="task-type-filter">{t("tasks.typeFilter")}</label>
        <select id="task-type-filter" value={value.type ?? ""} onChange={(e) => onChange({ ...value, type: pick(TASK_TYPES, e.target.value) })}>
          <option value="">{t("tasks.allTypes")}</option>
          {TASK_TYPES.map((type) => (
            <option key={type} value={type}>
              {taskTitle(type)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="task-status-filter">{t("tasks.statusFilter")}</label>
        <select
          id="task-status-filter"
          value={value.status ?? ""}
          onChange={(e) => onChange({ ...value, status: pick(TASK_STATUSES, e.target.value) })}
        >
          <option value="">{t("tasks.allStatuses")}</option>
          {TASK_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status).text}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="task-supplier-filter">{t("tasks.supplierFilter")}</label>
        <select
          id="task-supplier-filter"
          value={value.supplier ?? ""}
          onChange={(e) => onChange({ ...value, supplier: pick(names, e.target.value) })}
        >
          <option value="">{t("tasks.allSuppliers")}</option>
          {names.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

import { TASK_STATUSES, TASK_TYPES, type TaskStatus, type TaskType } from "@tasklane/contract";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { reads } from "../queries.ts";
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

interface FilterSelectProps<T extends string> {
  id: string;
  label: string;
  /** The "any" option's words. */
  any: string;
  choices: readonly T[];
  value: T | undefined;
  name: (choice: T) => string;
  onChange: (choice: T | undefined) => void;
}

/** One filter: a labelled select whose empty option means any. */
function FilterSelect<T extends string>({ id, label, any, choices, value, name, onChange }: FilterSelectProps<T>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ""} onChange={(e) => onChange(pick(choices, e.target.value))}>
        <option value="">{any}</option>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {name(choice)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TaskFilters({ value, onChange }: TaskFiltersProps) {
  const { t } = useTranslation();
  // The names imports were made under: every supplier and competitor with rows or a saved mapping.
  const suppliers = useQuery(reads.suppliers({}));
  const names = [...new Set((suppliers.data?.items ?? []).map((s) => s.name))].sort((a, b) => a.localeCompare(b));
  return (
    <div className="task-filters">
      <FilterSelect
        id="task-type-filter"
        label={t("tasks.typeFilter")}
        any={t("tasks.allTypes")}
        choices={TASK_TYPES}
        value={value.type}
        name={taskTitle}
        onChange={(type) => onChange({ ...value, type })}
      />
      <FilterSelect
        id="task-status-filter"
        label={t("tasks.statusFilter")}
        any={t("tasks.allStatuses")}
        choices={TASK_STATUSES}
        value={value.status}
        name={(status) => statusLabel(status).text}
        onChange={(status) => onChange({ ...value, status })}
      />
      <FilterSelect
        id="task-supplier-filter"
        label={t("tasks.supplierFilter")}
        any={t("tasks.allSuppliers")}
        choices={names}
        value={value.supplier}
        name={(supplierName) => supplierName}
        onChange={(supplier) => onChange({ ...value, supplier })}
      />
    </div>
  );
}

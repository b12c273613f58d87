import { useMutation } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { tasklane } from "../client.ts";
import { taskTitle } from "../task-summary.ts";
import type { OnSubmitted } from "../use-submitted.ts";
import { FormError } from "./form-error.tsx";
import { Panel } from "./panel.tsx";

/** `submitted`: the task this panel started last, shown under its button. */
export function RecalculatePanel({ onSubmitted, submitted }: { onSubmitted: OnSubmitted; submitted: ReactNode }) {
  const { t } = useTranslation();
  const submit = useMutation({
    mutationFn: () => tasklane().submit.recalculate({}),
    onSuccess: (answer) => onSubmitted("recalculate", answer),
  });
  return (
    <Panel id="recalculate" title={taskTitle("recalculate")} hint={t("recalculate.hint")}>
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => submit.mutate()} disabled={submit.isPending}>
          {submit.isPending ? t("common.starting") : t("recalculate.button")}
        </button>
      </div>
      <FormError error={submit.error} />
      {submitted}
    </Panel>
  );
}

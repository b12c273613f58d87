import { PRICELIST_SOURCES, type PricelistSource } from "@tasklane/contract";
import { useMutation } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { tasklane } from "../client.ts";
import { sourceHint, sourceName, taskTitle } from "../task-summary.ts";
import type { OnSubmitted } from "../use-submitted.ts";
import { FormError } from "./form-error.tsx";
import { Panel } from "./panel.tsx";

/** `submitted`: the task this panel started last, shown under its button. */
export function PricelistCreatePanel({ onSubmitted, submitted }: { onSubmitted: OnSubmitted; submitted: ReactNode }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<PricelistSource>(PRICELIST_SOURCES[0]);
  const submit = useMutation({
    mutationFn: (input: { source: PricelistSource }) => tasklane().submit.pricelistCreate(input),
    onSuccess: (answer) => onSubmitted("pricelistCreate", answer),
  });
  return (
    <Panel id="pricelist-create" title={taskTitle("pricelistCreate")} hint={t("pricelistCreate.hint")}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit.mutate({ source });
        }}
      >
        <fieldset className="choices">
          <legend>{t("pricelistCreate.sourceLegend")}</legend>
          {PRICELIST_SOURCES.map((value) => (
            <div className="choice" key={value}>
              <input
                type="radio"
                id={`pricelist-source-${value}`}
                name="pricelist-source"
                value={value}
                checked={source === value}
                onChange={() => setSource(value)}
                aria-describedby={`pricelist-source-${value}-hint`}
              />
              <label htmlFor={`pricelist-source-${value}`}>
                {sourceName(value)}
                <span id={`pricelist-source-${value}-hint`} className="choice-hint">
                  {sourceHint(value)}
                </span>
              </label>
            </div>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={submit.isPending}>
            {submit.isPending ? t("common.starting") : t("pricelistCreate.button")}
          </button>
        </div>
        <FormError error={submit.error} />
      </form>
      {submitted}
    </Panel>
  );
}

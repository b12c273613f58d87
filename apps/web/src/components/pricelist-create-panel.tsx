import { PRICELIST_SOURCES, type PricelistSource } from "@tasklane/contract";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { SOURCE_LABELS, taskTitle } from "../task-summary.ts";
import { useTRPC } from "../trpc.ts";
import type { OnSubmitted } from "../use-submitted.ts";
import { FormError } from "./form-error.tsx";
import { Panel } from "./panel.tsx";

export function PricelistCreatePanel({ onSubmitted }: { onSubmitted: OnSubmitted }) {
  const trpc = useTRPC();
  const [source, setSource] = useState<PricelistSource>(PRICELIST_SOURCES[0]);
  const submit = useMutation(
    trpc.tasks.submit.pricelistCreate.mutationOptions({ onSuccess: (answer) => onSubmitted("pricelistCreate", answer) }),
  );
  return (
    <Panel id="pricelist-create" title={taskTitle("pricelistCreate")} hint="A snapshot you can page through below and download as CSV.">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit.mutate({ source });
        }}
      >
        <fieldset className="choices">
          <legend>Source</legend>
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
                {SOURCE_LABELS[value].name}
                <span id={`pricelist-source-${value}-hint`} className="choice-hint">
                  {SOURCE_LABELS[value].hint}
                </span>
              </label>
            </div>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={submit.isPending}>
            {submit.isPending ? "Starting…" : "Create pricelist"}
          </button>
        </div>
        <FormError error={submit.error} />
      </form>
    </Panel>
  );
}

import { type StockImportSubmit, createTasklaneClient } from "@tasklane/client";
import { STOCK_KINDS, type StockKind } from "@tasklane/contract";
import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { currentToken } from "../access-token.ts";
import { fieldErrorsOf } from "../errors.ts";
import { KIND_LABELS, taskTitle } from "../task-summary.ts";
import type { OnSubmitted } from "../use-submitted.ts";
import { FieldError, FormError } from "./form-error.tsx";
import { Panel } from "./panel.tsx";

/** The SDK uploads the file (POST /api/uploads), then submits with its uploadId. */
function submitImport(input: StockImportSubmit) {
  // Made per call so that it carries the token as it is now.
  const sdk = createTasklaneClient({ url: window.location.origin, token: currentToken() || undefined });
  return sdk.submit.stockImport(input);
}

export function StockImportPanel({ onSubmitted }: { onSubmitted: OnSubmitted }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [supplier, setSupplier] = useState("");
  const [kind, setKind] = useState<StockKind>(STOCK_KINDS[0]);
  const submit = useMutation({
    mutationFn: submitImport,
    onSuccess: async (answer) => {
      // The same file again is a new choice; a kept selection invites a second import by accident.
      if (fileInput.current) fileInput.current.value = "";
      await onSubmitted("stockImport", answer);
    },
  });
  const fieldErrors = fieldErrorsOf(submit.error);
  const describedBy = (id: string, hint?: string) => [hint, fieldErrors[id] ? `import-${id}-error` : null].filter(Boolean).join(" ") || undefined;

  return (
    <Panel id="stock-import" title={taskTitle("stockImport")} hint="A supplier's stock or a competitor's price list.">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const file = fileInput.current?.files?.[0];
          if (file) submit.mutate({ file, supplier, kind });
        }}
      >
        <div className="field">
          <label htmlFor="import-file">File</label>
          <input
            ref={fileInput}
            id="import-file"
            type="file"
            required
            accept=".xlsx,.csv,.mxl,.txt"
            aria-describedby={describedBy("uploadId", "import-file-hint")}
          />
          <p id="import-file-hint" className="hint">
            Excel (.xlsx), CSV or 1C (.mxl)
          </p>
          <FieldError id="import-uploadId-error" messages={fieldErrors.uploadId} />
        </div>
        <div className="field">
          <label htmlFor="import-supplier">Supplier</label>
          <input
            id="import-supplier"
            type="text"
            required
            maxLength={200}
            value={supplier}
            onChange={(event) => setSupplier(event.target.value)}
            aria-invalid={fieldErrors.supplier ? true : undefined}
            aria-describedby={describedBy("supplier")}
          />
          <FieldError id="import-supplier-error" messages={fieldErrors.supplier} />
        </div>
        <fieldset className="choices choices-inline">
          <legend>Kind</legend>
          {STOCK_KINDS.map((value) => (
            <div className="choice" key={value}>
              <input
                type="radio"
                id={`import-kind-${value}`}
                name="import-kind"
                value={value}
                checked={kind === value}
                onChange={() => setKind(value)}
              />
              <label htmlFor={`import-kind-${value}`}>{KIND_LABELS[value]}</label>
            </div>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={submit.isPending}>
            {submit.isPending ? "Uploading…" : "Import file"}
          </button>
        </div>
        {/* Said once: beside its field when the form shows that field, here otherwise. */}
        {fieldErrors.supplier || fieldErrors.uploadId ? null : <FormError error={submit.error} />}
      </form>
    </Panel>
  );
}

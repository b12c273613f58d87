import { type StockImportSubmit, TasklaneRequestError, type Uploaded } from "@tasklane/client";
import { STOCK_KINDS, type StockKind, type StockMapping } from "@tasklane/contract";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { type ReactNode, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { tasklane } from "../client.ts";
import { fieldErrorsOf, worthRetrying } from "../errors.ts";
import { kindLabel, taskTitle } from "../task-summary.ts";
import { reads } from "../queries.ts";
import { useDebounced } from "../use-debounced.ts";
import type { OnSubmitted } from "../use-submitted.ts";
import { FieldError, FormError } from "./form-error.tsx";
import { Panel } from "./panel.tsx";
import { StockPreview } from "./stock-preview.tsx";

/** The SDK uploads a file not uploaded yet (POST /api/uploads), then submits with its uploadId. */
const submitImport = (input: StockImportSubmit) => tasklane().submit.stockImport(input);

/** Previews are limited on the service: a busy one asks to come back shortly, so the page does. */
const BUSY_RETRIES = 5;
const isBusy = (error: unknown) => error instanceof TasklaneRequestError && error.code === "TOO_MANY_REQUESTS";

/** `submitted`: the import this panel started last, shown under its button. */
export function StockImportPanel({ onSubmitted, submitted }: { onSubmitted: OnSubmitted; submitted: ReactNode }) {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const [supplier, setSupplier] = useState("");
  const [kind, setKind] = useState<StockKind>(STOCK_KINDS[0]);
  /** The person's choices; undefined: the supplier's saved mapping, else detection. */
  const [mapping, setMapping] = useState<StockMapping | undefined>(undefined);
  const [remember, setRemember] = useState(false);

  // The file goes up as soon as it is chosen, so the preview can read it and the import reuses it.
  const upload = useMutation({ mutationFn: (file: File) => tasklane().uploadFile(file) });
  const uploaded: Uploaded | undefined = upload.data;
  const previewSupplier = useDebounced(supplier.trim(), 400);
  const preview = useQuery({
    ...reads.preview({
      uploadId: uploaded?.uploadId ?? "",
      kind,
      ...(previewSupplier ? { supplier: previewSupplier } : {}),
      ...(mapping ? { mapping } : {}),
    }),
    enabled: uploaded !== undefined,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    retry: (failures, error) => (isBusy(error) ? failures < BUSY_RETRIES : worthRetrying(failures, error)),
  });

  /**
   * After a submit the whole form starts again, supplier and kind with the file: the same file
   * again is a new choice, a kept selection invites a second import by accident, and a supplier
   * kept beside an empty file box reads as if it belonged to the next file (issue 13).
   */
  const reset = () => {
    if (fileInput.current) fileInput.current.value = "";
    upload.reset();
    setSupplier("");
    setKind(STOCK_KINDS[0]);
    setMapping(undefined);
    setRemember(false);
  };
  const submit = useMutation({
    mutationFn: submitImport,
    onSuccess: async (answer) => {
      reset();
      await onSubmitted("stockImport", answer);
    },
  });
  const fieldErrors = fieldErrorsOf(submit.error);
  const describedBy = (id: string, hint?: string) =>
    [hint, fieldErrors[id] ? `import-${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const shown = uploaded ? preview.data : undefined;

  return (
    <Panel id="stock-import" title={taskTitle("stockImport")} hint={t("import.hint")}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const file = fileInput.current?.files?.[0];
          if (!file) return;
          const source = uploaded ? { uploadId: uploaded.uploadId } : { file };
          submit.mutate({ ...source, supplier, kind, ...(mapping ? { mapping } : {}), ...(remember ? { saveMapping: true } : {}) });
        }}
      >
        <div className="field">
          <label htmlFor="import-file">{t("import.file")}</label>
          <input
            ref={fileInput}
            id="import-file"
            type="file"
            required
            accept=".xlsx,.csv,.mxl,.txt"
            aria-describedby={describedBy("uploadId", "import-file-hint")}
            onChange={(event) => {
              const file = event.target.files?.[0];
              setMapping(undefined);
              if (file) upload.mutate(file);
              else upload.reset();
            }}
          />
          <p id="import-file-hint" className="hint">
            {t("import.fileHint")}
          </p>
          <FieldError id="import-uploadId-error" messages={fieldErrors.uploadId} />
        </div>
        <div className="field">
          <label htmlFor="import-supplier">{t("import.supplier")}</label>
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
          <legend>{t("import.kind")}</legend>
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
              <label htmlFor={`import-kind-${value}`}>{kindLabel(value)}</label>
            </div>
          ))}
        </fieldset>

        {upload.isPending ? (
          <p className="empty" role="status">
            {t("import.uploadingPreview")}
          </p>
        ) : null}
        <FormError error={upload.error} />
        {uploaded && !shown && preview.isFetching ? (
          <p className="empty" role="status">
            {t("import.reading")}
          </p>
        ) : null}
        {uploaded ? <FormError error={preview.error} /> : null}
        {shown ? (
          <StockPreview
            key={shown.uploadId}
            preview={shown}
            supplier={supplier}
            refreshing={preview.isPlaceholderData || preview.isFetching}
            choices={mapping}
            onChange={setMapping}
            onReset={mapping ? () => setMapping(undefined) : null}
          />
        ) : null}

        <div className="choice remember">
          <input type="checkbox" id="import-remember" checked={remember} onChange={(event) => setRemember(event.target.checked)} />
          <label htmlFor="import-remember">
            {t("import.remember")}
            <span className="choice-hint">{t("import.rememberHint")}</span>
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={submit.isPending || upload.isPending}>
            {submit.isPending || upload.isPending ? t("import.uploading") : t("import.button")}
          </button>
        </div>
        {/* Said once: beside its field when the form shows that field, here otherwise. */}
        {fieldErrors.supplier || fieldErrors.uploadId ? null : <FormError error={submit.error} />}
      </form>
      {submitted}
    </Panel>
  );
}

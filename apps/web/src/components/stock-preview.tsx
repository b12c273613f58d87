import {
  STOCK_FIELDS,
  type PreviewField,
  type PreviewSheet,
  type StockFilePreview,
  type StockMapping,
  skipReasonIn,
  textIn,
} from "@tasklane/contract";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { columnLabel, fieldLabel, mappingSourceText, withColumn, withHeaderRow, withSheet } from "../mapping.ts";
import { detail } from "./detail-cell.ts";
import { currentLanguage } from "../i18n/index.ts";

interface StockPreviewProps {
  preview: StockFilePreview;
  /** The supplier typed in the form, for "uses the mapping saved for …". */
  supplier: string;
  /** True while a newer preview is on its way (the one shown is the last one). */
  refreshing: boolean;
  /** The person's choices so far, which a preview still on its way may not show yet; undefined: none. */
  choices: StockMapping | undefined;
  onChange: (mapping: StockMapping) => void;
  /** Back to the saved or detected mapping; null when nothing was changed. */
  onReset: (() => void) | null;
}

/** A field's column: the chosen one first, then the other candidates (marked), then the other columns. */
function ColumnSelect({
  id,
  sheet,
  field,
  onPick,
}: {
  id: string;
  sheet: PreviewSheet;
  field: PreviewField;
  onPick: (position: number | null) => void;
}) {
  const { t } = useTranslation();
  const candidates = new Set(field.alternatives.map((a) => a.position));
  const chosen = field.chosen ? [field.chosen.position] : [];
  const others = sheet.columns.map((c) => c.position).filter((p) => !chosen.includes(p) && !candidates.has(p));
  const byPosition = new Map(sheet.columns.map((c) => [c.position, c]));
  const option = (position: number, mark = "") => {
    const column = byPosition.get(position) ?? field.alternatives.find((a) => a.position === position) ?? { position, header: "" };
    return (
      <option key={position} value={position}>
        {columnLabel(column)}
        {mark}
      </option>
    );
  };
  return (
    <select
      id={id}
      value={field.chosen ? String(field.chosen.position) : ""}
      onChange={(event) => onPick(event.target.value ? Number(event.target.value) : null)}
    >
      {chosen.map((p) => option(p))}
      {field.alternatives.map((a) => option(a.position, t("preview.alsoCandidate")))}
      {others.map((p) => option(p))}
      <option value="">{t("preview.notRead")}</option>
    </select>
  );
}

interface SheetViewProps {
  preview: StockFilePreview;
  sheet: PreviewSheet;
  /** What a change builds on: the person's choices, else the mapping the preview used. */
  base: StockMapping;
  onChange: (mapping: StockMapping) => void;
}

function SheetView({ preview, sheet, base, onChange }: SheetViewProps) {
  const { t } = useTranslation();
  const idOf = (part: string) => `preview-${preview.sheets.indexOf(sheet)}-${part}`;
  const [headerRowText, setHeaderRowText] = useState(sheet.headerRow ? String(sheet.headerRow) : "");
  // Ticked as the person left it, before the preview read with it arrives.
  const reads = (s: PreviewSheet) => (base.sheets ? base.sheets.includes(s.name) : s.read);
  const readSheets = preview.sheets.filter(reads).length;
  const applyHeaderRow = () => {
    const row = Number(headerRowText);
    if (Number.isInteger(row) && row >= 1) onChange(withHeaderRow(base, row));
  };
  return (
    <div className="preview-sheet">
      <div className="choice">
        <input
          type="checkbox"
          id={idOf("read")}
          checked={reads(sheet)}
          // At least one sheet is read: unticking the last would leave nothing to import.
          disabled={reads(sheet) && readSheets === 1}
          onChange={(event) =>
            onChange(
              withSheet(
                base,
                preview.sheets.map((s) => ({ ...s, read: reads(s) })),
                sheet.name,
                event.target.checked,
              ),
            )
          }
        />
        <label htmlFor={idOf("read")}>
          {t("preview.importSheet")}
          {sheet.visible ? "" : t("preview.hiddenSheet")}
        </label>
      </div>

      {sheet.read ? null : <p className="empty">{t("preview.notImported")}</p>}
      {/* Not a form of its own: it sits inside the import form, and forms do not nest. */}
      <div className="field field-inline header-row" hidden={!sheet.read}>
        <label htmlFor={idOf("header-row")}>{t("preview.headerRow")}</label>
        <input
          id={idOf("header-row")}
          type="number"
          min={1}
          inputMode="numeric"
          value={headerRowText}
          onChange={(event) => setHeaderRowText(event.target.value)}
          onKeyDown={(event) => {
            // Enter applies the row here; it must not submit the import around it.
            if (event.key !== "Enter") return;
            event.preventDefault();
            applyHeaderRow();
          }}
          aria-describedby={idOf("header-why")}
        />
        <button type="button" className="quiet" onClick={applyHeaderRow}>
          {t("preview.useRow")}
        </button>
        <p id={idOf("header-why")} className="hint">
          {sheet.headerRow === null ? t("preview.noHeader") : (textIn(sheet.headerReasonText, currentLanguage()) ?? sheet.headerReason)}
        </p>
      </div>
      {sheet.problem ? (
        <p className="preview-problem" role="note">
          {textIn(sheet.problemText, currentLanguage()) ?? sheet.problem}
        </p>
      ) : null}

      {sheet.headerRow === null ? null : (
        <>
          <h4>{t("preview.columns")}</h4>
          <div className="table-scroll">
            <table className="table preview-columns">
              <caption className="visually-hidden">{t("preview.columnsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("preview.field")}</th>
                  <th scope="col">{t("preview.column")}</th>
                  <th scope="col">{t("preview.why")}</th>
                </tr>
              </thead>
              <tbody>
                {STOCK_FIELDS.map((name) => {
                  const field = sheet.fields.find((f) => f.field === name) ?? { field: name, chosen: null, alternatives: [] };
                  return (
                    <tr key={name}>
                      <th scope="row">
                        <label htmlFor={idOf(`column-${name}`)}>
                          <span aria-hidden="true">{fieldLabel(name)}</span>
                          <span className="visually-hidden">{t("preview.fieldColumn", { field: fieldLabel(name) })}</span>
                        </label>
                      </th>
                      <td>
                        <ColumnSelect
                          id={idOf(`column-${name}`)}
                          sheet={sheet}
                          field={field}
                          onPick={(position) => onChange(withColumn(base, sheet, name, position))}
                        />
                      </td>
                      <td className="cell-note">
                        {field.chosen ? (textIn(field.chosen.reasonText, currentLanguage()) ?? field.chosen.reason) : t("preview.notRead")}
                        {field.alternatives.length ? (
                          <span className="hint">
                            {" "}
                            {t("preview.alsoPossible", { list: field.alternatives.map(columnLabel).join(", ") })}
                          </span>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>

          <h4>
            {sheet.rows.length ? t("preview.firstRows", { count: sheet.rows.length }) : t("preview.noRows")}
            <span className="hint">
              {" "}
              ({sheet.complete ? t("preview.sheetHas", { count: sheet.rowsRead }) : t("preview.readFirst", { count: sheet.rowsRead })})
            </span>
          </h4>
          {sheet.rows.length ? (
            <div className="table-scroll">
              <table className="table data-table preview-rows">
                <caption className="visually-hidden">{t("preview.rowsCaption", { sheet: sheet.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t("preview.row")}
                    </th>
                    {STOCK_FIELDS.map((field) => (
                      <th key={field} scope="col" className={field === "quantity" || field === "price" ? "num" : undefined}>
                        {fieldLabel(field)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {sheet.rows.map((r) => (
                    <tr key={r.row}>
                      <td className="num">{r.row}</td>
                      <th scope="row" className="mono cell-key">
                        {r.partNumber}
                      </th>
                      <td className={`${detail(r.name)} wrap`}>{r.name ?? "—"}</td>
                      <td className={detail(r.vendor)}>{r.vendor ?? "—"}</td>
                      <td className={detail(r.category)}>{r.category ?? "—"}</td>
                      <td className="num">{r.quantity ?? "—"}</td>
                      <td className="num">{r.price}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}

          {sheet.skippedRows.length ? (
            <>
              <h4>{sheet.complete ? t("preview.skipped") : t("preview.skippedAmongRead")}</h4>
              <ul className="skipped-rows">
                {sheet.skippedRows.map((skipped) => (
                  <li key={skipped.row}>
                    {t("preview.skippedRow", { row: skipped.row, reason: skipReasonIn(skipped, currentLanguage()) })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </div>
  );
}

/** How the chosen file would be read: one tab per sheet, the mapping's choices editable in each. */
export function StockPreview({ preview, supplier, refreshing, choices, onChange, onReset }: StockPreviewProps) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState(() =>
    Math.max(
      0,
      preview.sheets.findIndex((s) => s.read),
    ),
  );
  const index = Math.min(selected, preview.sheets.length - 1);
  const sheet = preview.sheets[index];
  return (
    <section className="preview" aria-labelledby="preview-title" aria-busy={refreshing}>
      <h3 id="preview-title">{t("preview.title", { file: preview.filename })}</h3>
      <div className="preview-source">
        <p role="status">{mappingSourceText(preview.mappingSource, supplier.trim())}</p>
        {onReset ? (
          <button type="button" className="quiet" onClick={onReset}>
            {t("preview.undo")}
          </button>
        ) : null}
      </div>
      {preview.error ? (
        <p className="form-error" role="alert">
          {t("preview.wouldFail", { error: textIn(preview.errorText, currentLanguage()) ?? preview.error })}
        </p>
      ) : null}
      {preview.sheets.length > 1 ? (
        <div
          className="sheet-tabs"
          role="tablist"
          aria-label={t("preview.sheets")}
          onKeyDown={(event) => {
            // The tab pattern: arrows move between sheets, Tab leaves the list.
            const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
            if (!step) return;
            const next = (index + step + preview.sheets.length) % preview.sheets.length;
            setSelected(next);
            document.getElementById(`preview-tab-${next}`)?.focus();
          }}
        >
          {preview.sheets.map((s, i) => (
            <button
              key={s.name}
              type="button"
              role="tab"
              id={`preview-tab-${i}`}
              aria-selected={i === index}
              aria-controls="preview-sheet-panel"
              tabIndex={i === index ? 0 : -1}
              onClick={() => setSelected(i)}
            >
              {s.name}
              {s.read ? "" : t("preview.tabNotImported")}
            </button>
          ))}
        </div>
      ) : null}
      {sheet ? (
        <div
          id="preview-sheet-panel"
          role={preview.sheets.length > 1 ? "tabpanel" : undefined}
          aria-labelledby={preview.sheets.length > 1 ? `preview-tab-${index}` : undefined}
        >
          {preview.sheets.length > 1 ? null : <h4>{t("preview.sheet", { name: sheet.name })}</h4>}
          {/* Keyed by what the service answered, so the header row field shows the row in effect. */}
          <SheetView
            key={`${sheet.name}:${sheet.headerRow}`}
            preview={preview}
            sheet={sheet}
            base={choices ?? preview.mapping}
            onChange={onChange}
          />
        </div>
      ) : (
        <p className="empty">{t("preview.noSheets")}</p>
      )}
    </section>
  );
}

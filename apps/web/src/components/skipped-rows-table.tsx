import type { TaskResult } from "@tasklane/contract";
import { useTranslation } from "react-i18next";
import { formatCount } from "../format.ts";
import { downloadSkippedRows, skippedRowsTable } from "../skipped-rows.ts";

interface SkippedRowsProps {
  taskId: string;
  result: TaskResult<"stockImport">;
}

/** A completed import's skipped rows, as listed in its result (the first MAX_SKIPPED_ROWS_LISTED), and their CSV. */
export function SkippedRowsTable({ taskId, result }: SkippedRowsProps) {
  const { t } = useTranslation();
  const rows = result.skippedRows;
  const { header, cells } = skippedRowsTable(rows);
  return (
    <section className="details-part" aria-labelledby="skipped-rows-title">
      <h3 id="skipped-rows-title">{t("details.skippedTitle")}</h3>
      {result.skipped === 0 ? (
        <p className="empty">{t("details.skippedNone")}</p>
      ) : (
        <>
          {rows.length < result.skipped ? (
            <p className="details-note">
              {t("details.skippedPartial", { skipped: formatCount(result.skipped), listed: formatCount(rows.length) })}
            </p>
          ) : null}
          {/* Above the table: up to a hundred rows would put it far down. */}
          <div className="form-actions">
            <button type="button" onClick={() => downloadSkippedRows(taskId, rows)}>
              {t("details.download")}
            </button>
          </div>
          <div className="table-scroll">
            <table className="table skipped-table">
              <caption className="visually-hidden">{t("details.skippedCaption")}</caption>
              <thead>
                <tr>
                  {header.map((name, i) => (
                    <th key={name} scope="col" className={i === header.length - 2 ? "num" : undefined}>
                      {name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {cells.map((line, i) => (
                  // A row number repeats across sheets, and the listed order is the only identity a row has.
                  <tr key={i}>
                    {line.map((cell, j) => (
                      <td key={j} className={typeof cell === "number" ? "num" : j === line.length - 1 ? "reason" : undefined}>
                        {cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

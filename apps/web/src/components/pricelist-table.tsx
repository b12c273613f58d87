import type { Pricelist, PricelistRow } from "@tasklane/contract";
import { useTranslation } from "react-i18next";
import { formatCount, formatPrice } from "../format.ts";
import type { Sort, SortKey } from "../pricelist-rows.ts";
import { sourceName } from "../task-summary.ts";
import { detail } from "./detail-cell.ts";

interface PricelistTableProps {
  pricelist: Pricelist;
  rows: readonly PricelistRow[];
  sort: Sort | null;
  onSort: (sort: Sort | null) => void;
}

/** A sort button per column header; a second press turns the order round, a third gives back the pricelist's own. */
function SortHeader({
  column,
  label,
  sort,
  onSort,
  numeric,
}: {
  column: SortKey;
  label: string;
  sort: Sort | null;
  onSort: (sort: Sort | null) => void;
  numeric?: boolean;
}) {
  const active = sort?.key === column ? sort : null;
  const next = !active ? { key: column, descending: false } : active.descending ? null : { key: column, descending: true };
  return (
    <th
      scope="col"
      className={numeric ? "num" : undefined}
      aria-sort={active ? (active.descending ? "descending" : "ascending") : undefined}
    >
      <button type="button" className="sort-button" onClick={() => onSort(next)}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (active.descending ? "▼" : "▲") : "↕"}
        </span>
      </button>
    </th>
  );
}

export function PricelistTable({ pricelist, rows, sort, onSort }: PricelistTableProps) {
  const { t } = useTranslation();
  const withQuantity = pricelist.source === "warehouse";
  const header = (column: SortKey, label: string, numeric = false) => (
    <SortHeader column={column} label={label} sort={sort} onSort={onSort} numeric={numeric} />
  );
  return (
    <div className="table-scroll">
      <table className="table data-table">
        <caption className="visually-hidden">{t("pricelist.caption", { source: sourceName(pricelist.source) })}</caption>
        <thead>
          <tr>
            {header("partNumber", t("common.partNumber"))}
            {header("vendor", t("common.vendor"))}
            {header("name", t("common.name"))}
            {header("price", t("common.price"), true)}
            {withQuantity ? header("quantity", t("common.quantity"), true) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.partNumber}>
              <th scope="row" className="mono cell-key">
                {row.partNumber}
              </th>
              <td className={detail(row.vendor)}>{row.vendor ?? t("common.none")}</td>
              <td className={`${detail(row.name)} wrap`}>{row.name ?? t("common.none")}</td>
              <td className="num cell-price">{formatPrice(row.price)}</td>
              {withQuantity ? (
                <td className="num cell-extra">
                  <span className="phone-only">{t("pricelist.qty")}</span>
                  {row.quantity === null ? t("common.none") : formatCount(row.quantity)}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

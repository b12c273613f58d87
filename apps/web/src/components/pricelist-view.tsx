import { type Pricelist, PricelistExportFormatSchema, pricelistExportPath, pricelistFileName } from "@tasklane/contract";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { toast } from "sonner";
import { downloadWithToken } from "../download.ts";
import { errorText } from "../errors.ts";
import { formatDateTime } from "../format.ts";
import { currentLanguage, i18n } from "../i18n/index.ts";
import { type RowFilter, type Sort, type SortKey, filterRows, sortRows, vendorsOf } from "../pricelist-rows.ts";
import { sourceName } from "../task-summary.ts";
import { reads } from "../queries.ts";
import { ROWS_PER_LOAD, usePricelistRows } from "../use-pricelist-rows.ts";
import { FormError } from "./form-error.tsx";
import { Pager } from "./pager.tsx";
import { Panel } from "./panel.tsx";
import { PricelistTable } from "./pricelist-table.tsx";

const ROWS_PER_PAGE = 50;
/** The newest ones; an older pricelist is a snapshot few people go back to. */
const PRICELISTS_LISTED = 50;
/** The vendor select's value for rows without a vendor (a vendor's own name is never empty). */
const NO_VENDOR = "\u0000";

const describe = (p: Pricelist) =>
  i18n.t("pricelist.describe", {
    source: sourceName(p.source),
    date: formatDateTime(p.createdAt),
    rows: i18n.t("count.rows", { count: p.rowCount }),
  });

function PricelistRows({ id }: { id: string }) {
  const { t, i18n: current } = useTranslation();
  const loaded = usePricelistRows(id);
  const [filter, setFilter] = useState<RowFilter>({ search: "", vendor: "" });
  const [sort, setSort] = useState<Sort | null>(null);
  const [page, setPage] = useState(1);
  const collator = useMemo(() => new Intl.Collator(current.language, { numeric: true, sensitivity: "base" }), [current.language]);
  const vendors = useMemo(() => vendorsOf(loaded.rows, collator), [loaded.rows, collator]);
  const shown = useMemo(() => sortRows(filterRows(loaded.rows, filter), sort, collator), [loaded.rows, filter, sort, collator]);

  const { pricelist } = loaded;
  if (!pricelist) return loaded.error ? <FormError error={loaded.error} /> : <p className="empty">{t("common.loading")}</p>;

  const sortable: [SortKey, string][] = [
    ["partNumber", t("common.partNumber")],
    ["vendor", t("common.vendor")],
    ["name", t("common.name")],
    ["price", t("common.price")],
    ...(pricelist.source === "warehouse" ? ([["quantity", t("common.quantity")]] as [SortKey, string][]) : []),
  ];
  const narrowed = filter.search.trim() !== "" || filter.vendor !== "";
  const total = narrowed ? shown.length : pricelist.rowCount;
  const first = (page - 1) * ROWS_PER_PAGE;
  const rows = shown.slice(first, first + ROWS_PER_PAGE);
  const refine = (next: Partial<RowFilter>) => {
    setFilter((current) => ({ ...current, ...next }));
    setPage(1);
  };
  const rowCount = t("count.rows", { count: pricelist.rowCount });
  const left = pricelist.rowCount - loaded.rows.length;

  return (
    <div className="pricelist" aria-busy={loaded.loading}>
      <div className="pricelist-head">
        <p>
          <Trans
            i18nKey="pricelist.head"
            values={{ source: sourceName(pricelist.source), date: formatDateTime(pricelist.createdAt), rows: rowCount }}
            components={{ b: <strong /> }}
          />
        </p>
        <span className="downloads">
          {PricelistExportFormatSchema.options.map((format) => (
            <a
              key={format}
              className="button-link"
              href={pricelistExportPath(pricelist.id, format, currentLanguage())}
              download={pricelistFileName(pricelist, format)}
              onClick={(event) =>
                void downloadWithToken(event).catch((e: unknown) =>
                  toast.error(t("pricelist.downloadFailed"), { description: errorText(e) }),
                )
              }
            >
              {format === "xlsx" ? t("pricelist.downloadXlsx") : t("pricelist.downloadCsv")}
            </a>
          ))}
        </span>
      </div>
      {pricelist.rowCount === 0 ? (
        <p className="empty">{t("pricelist.noRows")}</p>
      ) : (
        <>
          <form role="search" className="pricelist-tools" onSubmit={(event) => event.preventDefault()}>
            <div className="field">
              <label htmlFor="pricelist-search">{t("pricelist.search")}</label>
              <input
                id="pricelist-search"
                type="search"
                placeholder={t("pricelist.searchPlaceholder")}
                value={filter.search}
                onChange={(event) => refine({ search: event.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="pricelist-vendor">{t("pricelist.vendorFilter")}</label>
              <select
                id="pricelist-vendor"
                value={filter.vendor ?? NO_VENDOR}
                onChange={(event) => refine({ vendor: event.target.value === NO_VENDOR ? null : event.target.value })}
              >
                <option value="">{t("pricelist.allVendors")}</option>
                {vendors.names.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
                {vendors.withoutVendor ? <option value={NO_VENDOR}>{t("pricelist.noVendor")}</option> : null}
              </select>
            </div>
            {/* On a phone the table's headers are hidden (rows read as lines), so the order is chosen here. */}
            <div className="field phone-only-field">
              <label htmlFor="pricelist-sort">{t("pricelist.sort")}</label>
              <select
                id="pricelist-sort"
                value={sort ? `${sort.key}:${sort.descending ? "desc" : "asc"}` : ""}
                onChange={(event) => {
                  const [key, way] = event.target.value.split(":");
                  setSort(key ? { key: key as SortKey, descending: way === "desc" } : null);
                  setPage(1);
                }}
              >
                <option value="">{t("pricelist.sortNone")}</option>
                {sortable.flatMap(([key, label]) => [
                  <option key={`${key}:asc`} value={`${key}:asc`}>
                    {t("pricelist.ascending", { column: label })}
                  </option>,
                  <option key={`${key}:desc`} value={`${key}:desc`}>
                    {t("pricelist.descending", { column: label })}
                  </option>,
                ])}
              </select>
            </div>
          </form>
          <p className="pricelist-scope" role="status">
            {narrowed ? `${t("pricelist.matching", { count: shown.length })}. ` : ""}
            {loaded.loading
              ? t("pricelist.loadingRows", { loaded: loaded.rows.length, total: pricelist.rowCount })
              : left > 0
                ? t("pricelist.partial", { loaded: loaded.rows.length, total: pricelist.rowCount })
                : ""}
          </p>
          {rows.length === 0 ? (
            <p className="empty">{loaded.loading ? t("common.loading") : t("pricelist.noMatch")}</p>
          ) : (
            <PricelistTable
              pricelist={pricelist}
              rows={rows}
              sort={sort}
              onSort={(next) => {
                setSort(next);
                setPage(1);
              }}
            />
          )}
          {left > 0 && !loaded.loading && loaded.complete === false ? (
            <div className="form-actions">
              <button type="button" className="quiet" onClick={loaded.loadMore}>
                {t("pricelist.loadMore", { count: Math.min(left, ROWS_PER_LOAD) })}
              </button>
            </div>
          ) : null}
          {total > 0 ? (
            <Pager
              label={t("pricelist.pages")}
              status={t("pricelist.rowsOf", { from: first + 1, to: first + rows.length, total })}
              hasPrevious={page > 1}
              hasNext={first + ROWS_PER_PAGE < shown.length}
              onPrevious={() => setPage((n) => Math.max(1, n - 1))}
              onNext={() => setPage((n) => n + 1)}
            />
          ) : null}
        </>
      )}
    </div>
  );
}

interface PricelistViewProps {
  /** The one chosen, or null for the newest. */
  selectedId: string | null;
  onSelect: (id: string) => void;
}

export function PricelistView({ selectedId, onSelect }: PricelistViewProps) {
  const { t } = useTranslation();
  const list = useQuery(reads.pricelists({ limit: PRICELISTS_LISTED }));
  const items = list.data?.items ?? [];
  const id = selectedId ?? items[0]?.id ?? null;

  return (
    <Panel id="pricelist-view" title={t("pricelist.title")}>
      {list.error ? <FormError error={list.error} /> : null}
      {id === null ? (
        list.isPending ? (
          <p className="empty">{t("common.loading")}</p>
        ) : (
          <p className="empty">{t("pricelist.empty")}</p>
        )
      ) : (
        <>
          <div className="field field-inline">
            <label htmlFor="pricelist-select">{t("pricelist.select")}</label>
            <select id="pricelist-select" value={id} onChange={(event) => onSelect(event.target.value)}>
              {items.some((p) => p.id === id) ? null : <option value={id}>{t("pricelist.newOne")}</option>}
              {items.map((p) => (
                <option key={p.id} value={p.id}>
                  {describe(p)}
                </option>
              ))}
            </select>
          </div>
          <PricelistRows key={id} id={id} />
        </>
      )}
    </Panel>
  );
}

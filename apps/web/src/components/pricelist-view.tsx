import type { Pricelist } from "@tasklane/contract";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { toast } from "sonner";
import { downloadWithToken } from "../download.ts";
import { errorText } from "../errors.ts";
import { formatCount, formatDateTime, formatPrice, plural } from "../format.ts";
import { SOURCE_LABELS } from "../task-summary.ts";
import { useTRPC } from "../trpc.ts";
import { useCursorPages } from "../use-cursor-pages.ts";
import { detail } from "./detail-cell.ts";
import { FormError } from "./form-error.tsx";
import { Pager } from "./pager.tsx";
import { Panel } from "./panel.tsx";

const ROWS_PER_PAGE = 50;
/** The newest ones; an older pricelist is a snapshot few people go back to. */
const PRICELISTS_LISTED = 50;

const describe = (p: Pricelist) => `${SOURCE_LABELS[p.source].name} · ${formatDateTime(p.createdAt)} · ${plural(p.rowCount, "row")}`;

function PricelistRows({ id }: { id: string }) {
  const trpc = useTRPC();
  const pages = useCursorPages();
  const page = useQuery(
    trpc.pricelists.get.queryOptions({ id, limit: ROWS_PER_PAGE, cursor: pages.cursor }, { placeholderData: keepPreviousData }),
  );
  if (!page.data) return page.error ? <FormError error={page.error} /> : <p className="empty">Loading…</p>;

  const { pricelist, rows, nextCursor } = page.data;
  const first = (pages.page - 1) * ROWS_PER_PAGE + 1;
  const withQuantity = pricelist.source === "warehouse";
  return (
    <div className="pricelist" aria-busy={page.isPlaceholderData}>
      <div className="pricelist-head">
        <p>
          <strong>{SOURCE_LABELS[pricelist.source].name}</strong> pricelist, created {formatDateTime(pricelist.createdAt)},{" "}
          {plural(pricelist.rowCount, "row")}
        </p>
        <a
          className="button-link"
          href={`/api/pricelists/${pricelist.id}/export-csv`}
          download={`pricelist-${pricelist.source}-${pricelist.id}.csv`}
          onClick={(event) =>
            void downloadWithToken(event).catch((e: unknown) => toast.error("Could not download the CSV", { description: errorText(e) }))
          }
        >
          Download CSV
        </a>
      </div>
      {rows.length === 0 ? (
        <p className="empty">This pricelist has no rows: its source had nothing to list.</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="table data-table">
              <caption className="visually-hidden">Rows of the {SOURCE_LABELS[pricelist.source].name} pricelist</caption>
              <thead>
                <tr>
                  <th scope="col">Part number</th>
                  <th scope="col">Vendor</th>
                  <th scope="col">Name</th>
                  <th scope="col" className="num">
                    Price
                  </th>
                  {withQuantity ? (
                    <th scope="col" className="num">
                      Quantity
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.partNumber}>
                    <th scope="row" className="mono cell-key">
                      {row.partNumber}
                    </th>
                    <td className={detail(row.vendor)}>{row.vendor ?? "—"}</td>
                    <td className={`${detail(row.name)} wrap`}>{row.name ?? "—"}</td>
                    <td className="num cell-price">{formatPrice(row.price)}</td>
                    {withQuantity ? (
                      <td className="num cell-extra">
                        <span className="phone-only">qty </span>
                        {row.quantity === null ? "—" : formatCount(row.quantity)}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label="Pricelist pages"
            status={`Rows ${formatCount(first)}–${formatCount(first + rows.length - 1)} of ${formatCount(pricelist.rowCount)}`}
            hasPrevious={pages.page > 1}
            hasNext={nextCursor !== null}
            onPrevious={pages.previous}
            onNext={() => nextCursor && pages.next(nextCursor)}
          />
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
  const trpc = useTRPC();
  const list = useQuery(trpc.pricelists.list.queryOptions({ limit: PRICELISTS_LISTED }));
  const items = list.data?.items ?? [];
  const id = selectedId ?? items[0]?.id ?? null;

  return (
    <Panel id="pricelists" title="Pricelists">
      {list.error ? <FormError error={list.error} /> : null}
      {id === null ? (
        list.isPending ? (
          <p className="empty">Loading…</p>
        ) : (
          <p className="empty">No pricelists yet. Create one above; its rows show here.</p>
        )
      ) : (
        <>
          <div className="field field-inline">
            <label htmlFor="pricelist-select">Pricelist</label>
            <select id="pricelist-select" value={id} onChange={(event) => onSelect(event.target.value)}>
              {items.some((p) => p.id === id) ? null : <option value={id}>The new pricelist</option>}
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

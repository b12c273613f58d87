import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime, formatPrice } from "../format.ts";
import { useTRPC } from "../trpc.ts";
import { useCursorPages } from "../use-cursor-pages.ts";
import { useDebounced } from "../use-debounced.ts";
import { detail } from "./detail-cell.ts";
import { FormError } from "./form-error.tsx";
import { Pager } from "./pager.tsx";
import { Panel } from "./panel.tsx";

const PER_PAGE = 25;

function ComponentResults({ search }: { search: string }) {
  const trpc = useTRPC();
  const pages = useCursorPages();
  const page = useQuery(
    trpc.components.list.queryOptions(
      { search: search || undefined, limit: PER_PAGE, cursor: pages.cursor },
      { placeholderData: keepPreviousData },
    ),
  );
  if (!page.data) return page.error ? <FormError error={page.error} /> : <p className="empty">Loading…</p>;
  const { items, nextCursor } = page.data;
  if (items.length === 0) {
    return <p className="empty">{search ? `No component matches “${search}”.` : "No components yet: import a stock file first."}</p>;
  }
  return (
    <div aria-busy={page.isPlaceholderData}>
      <div className="table-scroll">
        <table className="table data-table">
          <caption className="visually-hidden">Components{search ? ` matching “${search}”` : ""}</caption>
          <thead>
            <tr>
              <th scope="col">Part number</th>
              <th scope="col">Vendor</th>
              <th scope="col">Name</th>
              <th scope="col">Category</th>
              <th scope="col" className="num">
                Price
              </th>
              <th scope="col">Price set</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.partNumber}>
                <th scope="row" className="mono cell-key">
                  {c.partNumber}
                </th>
                <td className={detail(c.vendor)}>{c.vendor ?? "—"}</td>
                <td className={`${detail(c.name)} wrap`}>{c.name ?? "—"}</td>
                <td className={detail(c.category)}>{c.category ?? "—"}</td>
                <td className="num cell-price">{c.price === null ? "no price" : formatPrice(c.price)}</td>
                <td className={`${detail(c.priceUpdatedAt)} cell-note`}>
                  <span className="phone-only">price set </span>
                  {c.priceUpdatedAt ? formatDateTime(c.priceUpdatedAt) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        label="Component pages"
        status={`Page ${pages.page}`}
        hasPrevious={pages.page > 1}
        hasNext={nextCursor !== null}
        onPrevious={pages.previous}
        onNext={() => nextCursor && pages.next(nextCursor)}
      />
    </div>
  );
}

export function ComponentsSearch() {
  const [text, setText] = useState("");
  const search = useDebounced(text.trim(), 300);
  return (
    <Panel id="components" title="Components">
      <form role="search" className="field field-inline" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="component-search">Search</label>
        <input
          id="component-search"
          type="search"
          placeholder="Part number or name"
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby="component-search-hint"
        />
        <span id="component-search-hint" className="hint">
          Matches part numbers and names, upper or lower case alike.
        </span>
      </form>
      <ComponentResults key={search} search={search} />
    </Panel>
  );
}

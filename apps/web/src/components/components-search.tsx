import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatPrice } from "../format.ts";
import { reads } from "../queries.ts";
import { useCursorPages } from "../use-cursor-pages.ts";
import { useDebounced } from "../use-debounced.ts";
import { detail } from "./detail-cell.ts";
import { FormError } from "./form-error.tsx";
import { Pager } from "./pager.tsx";
import { Panel } from "./panel.tsx";

const PER_PAGE = 25;

function ComponentResults({ search }: { search: string }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const page = useQuery({
    ...reads.components({ search: search || undefined, limit: PER_PAGE, cursor: pages.cursor }),
    placeholderData: keepPreviousData,
  });
  if (!page.data) return page.error ? <FormError error={page.error} /> : <p className="empty">{t("common.loading")}</p>;
  const { items, nextCursor } = page.data;
  if (items.length === 0) {
    return <p className="empty">{search ? t("components.noMatch", { search }) : t("components.empty")}</p>;
  }
  return (
    <div aria-busy={page.isPlaceholderData}>
      <div className="table-scroll">
        <table className="table data-table">
          <caption className="visually-hidden">{search ? t("components.captionMatching", { search }) : t("components.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("common.partNumber")}</th>
              <th scope="col">{t("common.vendor")}</th>
              <th scope="col">{t("common.name")}</th>
              <th scope="col">{t("common.category")}</th>
              <th scope="col" className="num">
                {t("common.price")}
              </th>
              <th scope="col">{t("components.priceSet")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.partNumber}>
                <th scope="row" className="mono cell-key">
                  {c.partNumber}
                </th>
                <td className={detail(c.vendor)}>{c.vendor ?? t("common.none")}</td>
                <td className={`${detail(c.name)} wrap`}>{c.name ?? t("common.none")}</td>
                <td className={detail(c.category)}>{c.category ?? t("common.none")}</td>
                <td className="num cell-price">{c.price === null ? t("components.noPrice") : formatPrice(c.price)}</td>
                <td className={`${detail(c.priceUpdatedAt)} cell-note`}>
                  <span className="phone-only">{t("components.priceSet")} </span>
                  {c.priceUpdatedAt ? formatDateTime(c.priceUpdatedAt) : t("common.none")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        label={t("components.pages")}
        status={t("components.page", { page: pages.page })}
        hasPrevious={pages.page > 1}
        hasNext={nextCursor !== null}
        onPrevious={pages.previous}
        onNext={() => nextCursor && pages.next(nextCursor)}
      />
    </div>
  );
}

export function ComponentsSearch() {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const search = useDebounced(text.trim(), 300);
  return (
    <Panel id="components" title={t("components.title")}>
      <form role="search" className="field field-inline" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="component-search">{t("components.search")}</label>
        <input
          id="component-search"
          type="search"
          placeholder={t("components.placeholder")}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby="component-search-hint"
        />
        <span id="component-search-hint" className="hint">
          {t("components.searchHint")}
        </span>
      </form>
      <ComponentResults key={search} search={search} />
    </Panel>
  );
}

import { PAGE_LIMIT_MAX, type PricelistPage } from "@tasklane/contract";
import { type UseQueryResult, useQueries } from "@tanstack/react-query";
import { useState } from "react";
import { reads } from "./queries.ts";

/**
 * The rows loaded at first, and per "load more". The API pages a pricelist by cursor and has
 * no search, filter or sort (pricelists.get), so the view does those over the rows it has
 * loaded: all of them for a pricelist up to this size, the first ones of a bigger one, which
 * the view then says. 5,000 rows are 10 requests and a few hundred kilobytes.
 */
export const ROWS_PER_LOAD = 5_000;

/**
 * A pricelist's rows, read page after page (one request at a time, in order) until
 * `ROWS_PER_LOAD` more are in or the pricelist ends; `loadMore` asks for the next batch.
 * Plain queries, one per cursor, rather than an infinite query: each page's request is the one
 * the contract's strict input takes, and the pages are kept as they were read.
 */
/** The pages as one: a module-level function, so React Query keeps its answer (and `rows`) the same object until a page changes. */
function combinePages(pages: UseQueryResult<PricelistPage>[]) {
  const read = pages.flatMap((page) => (page.data ? [page.data] : []));
  const last = pages.at(-1);
  return {
    pricelist: read[0]?.pricelist,
    rows: read.flatMap((page) => page.rows),
    nextCursor: last?.data?.nextCursor ?? null,
    lastRead: last?.data !== undefined,
    error: pages.find((page) => page.error)?.error ?? null,
  };
}

export function usePricelistRows(id: string) {
  const [wanted, setWanted] = useState(ROWS_PER_LOAD);
  const [cursors, setCursors] = useState<readonly (string | undefined)[]>([undefined]);
  const { pricelist, rows, nextCursor, lastRead, error } = useQueries({
    queries: cursors.map((cursor) =>
      // A pricelist is a snapshot: its rows never change, so a page is never read again.
      ({ ...reads.pricelist({ id, limit: PAGE_LIMIT_MAX, cursor }), staleTime: Number.POSITIVE_INFINITY }),
    ),
    combine: combinePages,
  });
  // The next page is asked for while rendering, as React advises for state that follows other state: no effect, no extra render pass.
  if (nextCursor && rows.length < wanted && !cursors.includes(nextCursor)) setCursors([...cursors, nextCursor]);

  const complete = lastRead && nextCursor === null;
  return {
    pricelist,
    rows,
    error,
    /** Still reading towards `wanted`. */
    loading: !complete && !error && rows.length < wanted,
    complete,
    loadMore: () => setWanted(rows.length + ROWS_PER_LOAD),
  };
}

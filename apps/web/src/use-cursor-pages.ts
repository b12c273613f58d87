import { useState } from "react";

/**
 * Paging over the API's opaque cursors: they only lead forward, so the cursors of the pages
 * already seen are kept to go back. Key the component that uses it by what it pages over,
 * so a new search or pricelist starts again at page 1, or call `first` where the component
 * itself changes what it pages over (a filter).
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<readonly (string | undefined)[]>([undefined]);
  return {
    cursor: cursors.at(-1),
    /** 1-based. */
    page: cursors.length,
    next: (nextCursor: string) => setCursors((seen) => [...seen, nextCursor]),
    previous: () => setCursors((seen) => (seen.length > 1 ? seen.slice(0, -1) : seen)),
    first: () => setCursors([undefined]),
  };
}

import type { PricelistRow } from "@tasklane/contract";

/** A column the pricelist view sorts by, and which way. */
export const SORT_KEYS = ["partNumber", "vendor", "name", "price", "quantity"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface Sort {
  key: SortKey;
  descending: boolean;
}

export interface RowFilter {
  /** Matched in part numbers and names, any case, as the components search on the server does. */
  search: string;
  /** A vendor's exact name; "" for every vendor, null for the rows without one. */
  vendor: string | null;
}

export function filterRows(rows: readonly PricelistRow[], { search, vendor }: RowFilter): readonly PricelistRow[] {
  const needle = search.trim().toLocaleLowerCase();
  if (!needle && vendor === "") return rows;
  return rows.filter(
    (row) =>
      (vendor === "" || row.vendor === vendor) &&
      (!needle || row.partNumber.toLocaleLowerCase().includes(needle) || (row.name?.toLocaleLowerCase().includes(needle) ?? false)),
  );
}

/** Vendors in the rows, in the language's alphabetical order; whether some rows have none. */
export function vendorsOf(rows: readonly PricelistRow[], collator: Intl.Collator) {
  const names = new Set<string>();
  let withoutVendor = false;
  for (const row of rows) {
    if (row.vendor === null) withoutVendor = true;
    else names.add(row.vendor);
  }
  return { names: [...names].sort(collator.compare), withoutVendor };
}

/**
 * Rows in the order asked; rows without the value go last either way, since "no vendor" is not
 * a vendor that sorts before A. The sort is stable, so equal rows keep the pricelist's order.
 */
export function sortRows(rows: readonly PricelistRow[], sort: Sort | null, collator: Intl.Collator): readonly PricelistRow[] {
  if (!sort) return rows;
  const { key, descending } = sort;
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sign * (typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y)));
  });
}

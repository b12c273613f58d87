import type { Language } from "@tasklane/contract";
import type { PricelistRowRecord } from "./read.ts";

/**
 * The columns of a downloaded pricelist, with header names in the reader's language. Each name
 * is one the stock import recognises, so an export reads back as a supplier file would.
 */
export const EXPORT_HEADER: Record<Language, readonly string[]> = {
  ru: ["Артикул", "Производитель", "Наименование", "Цена", "Количество"],
  en: ["Part number", "Vendor", "Name", "Price", "Quantity"],
};

/** One row's fields in the header's order: texts, then the price and the quantity (null: not known). */
export const exportFields = (r: PricelistRowRecord): [string, string, string, number, number | null] => [
  r.part_number,
  r.vendor ?? "",
  r.name ?? "",
  r.price,
  r.quantity,
];

import type { Database } from "./open.ts";

const registered = new WeakSet<Database>();

/**
 * SQL functions pricing's statements rely on. `pricing_search_text` lower-cases in JS
 * because SQLite's lower() folds ASCII only, and search must find "Кабель" by "кабель".
 */
export function ensureSqlFunctions(db: Database): void {
  if (registered.has(db)) return;
  db.function("pricing_search_text", { deterministic: true }, (partNumber: unknown, name: unknown) =>
    searchText(String(partNumber), typeof name === "string" ? name : null),
  );
  registered.add(db);
}

/** What component search matches against: part number and name, lower-cased. */
export const searchText = (partNumber: string, name: string | null): string =>
  `${partNumber}\n${name ?? ""}`.toLowerCase();

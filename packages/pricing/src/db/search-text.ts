/**
 * What component search matches against: part number and name, lower-cased in JS on both
 * engines (SQLite's lower() folds ASCII only; PostgreSQL's depends on the database's locale),
 * so "кабель" finds "Кабель" everywhere.
 */
export const searchText = (partNumber: string, name: string | null): string => `${partNumber}\n${name ?? ""}`.toLowerCase();

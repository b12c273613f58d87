/**
 * What component search matches against: part number and name, lower-cased in JS on both
 * engines (SQLite's lower() folds ASCII only; PostgreSQL's depends on the database's locale),
 * so "кабель" finds "Кабель" everywhere.
 */
export const searchText = (partNumber: string, name: string | null): string => searchTextParts(partNumber, name).join("\n");

/**
 * The search text's two lines. Each is lower-cased on its own, which gives what lower-casing the
 * joined text would: the one mapping that depends on the letters around it (Σ at a word's end
 * becomes ς) does not look past a line break. A writer that escapes text can so escape each line
 * without scanning the line break it would escape too.
 */
export const searchTextParts = (partNumber: string, name: string | null): [string, string] => [
  partNumber.toLowerCase(),
  (name ?? "").toLowerCase(),
];

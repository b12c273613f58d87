import { t } from "../i18n/i18n.ts";

/** 40000 → "40,000": the same grouping the service uses in its messages. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** The nouns counted in the output; each has its plural forms in the language files' `units`. */
export type Unit = "row" | "component" | "newComponent" | "moreSkippedRow";

/** "1 row", "40,000 rows"; "1 строка", "3 строки", "40,000 строк". */
export function plural(n: number, unit: Unit): string {
  return t(`units.${unit}`, { count: n, n: formatCount(n) });
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Local time, to the second: what a person compares with their clock. --json keeps ISO 8601. */
export function formatDate(date: Date): string {
  const day = `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
  return `${day} ${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

/** Rows of cells as columns two spaces apart; the last column is not padded. */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd(),
  );
}

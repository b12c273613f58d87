import { openRowReader } from "../../src/readers/open.ts";
import type { SheetRow } from "../../src/readers/types.ts";

/** Every row a reader yields for the file, trailing empty cells dropped for easy comparison. */
export async function readRows(filePath: string): Promise<SheetRow[]> {
  const reader = await openRowReader(filePath);
  const rows: SheetRow[] = [];
  for await (const row of reader.rows()) {
    const cells = [...row.cells];
    while (cells.length > 0 && cells.at(-1) === "") cells.pop();
    rows.push({ rowNumber: row.rowNumber, cells });
  }
  return rows;
}

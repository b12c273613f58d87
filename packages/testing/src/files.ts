import { writeFile } from "node:fs/promises";
import path from "node:path";

/** A stock CSV big enough that its import is still running when a test acts on it. */
export async function bigStockFile(dir: string, rows: number, name = "big.csv"): Promise<string> {
  const file = path.join(dir, name);
  const lines = ["PN;Price;Qty"];
  for (let i = 0; i < rows; i++) lines.push(`BIG-${i};${(i % 500) + 1},50;${i % 7}`);
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

export { type RawXlsx, rawXlsx } from "./raw-xlsx.ts";

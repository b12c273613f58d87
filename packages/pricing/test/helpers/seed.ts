import type { StockKind } from "@tasklane/contract";
import { importStock } from "../../src/index.ts";
import { type testEnv, workContext } from "./env.ts";

export interface SeedOffer {
  pn: string;
  price: number;
  qty?: number;
  name?: string;
  vendor?: string;
}

let fileNumber = 0;

/** Imports offers through the real import, one CSV per supplier and kind. */
export async function seed(env: ReturnType<typeof testEnv>, supplier: string, kind: StockKind, rows: SeedOffer[]): Promise<void> {
  const csv = ["PN;Price;Qty;Name;Vendor", ...rows.map((r) => [r.pn, r.price, r.qty ?? "", r.name ?? "", r.vendor ?? ""].join(";"))];
  const filePath = env.file(`seed-${++fileNumber}.csv`, `${csv.join("\n")}\n`);
  await importStock(env.db, { filePath, supplier, kind }, workContext());
}

export const prices = (env: ReturnType<typeof testEnv>): Record<string, number | null> =>
  Object.fromEntries(
    (env.db.prepare("SELECT part_number, price FROM components ORDER BY part_number").all() as { part_number: string; price: number | null }[]).map(
      (r) => [r.part_number, r.price],
    ),
  );
